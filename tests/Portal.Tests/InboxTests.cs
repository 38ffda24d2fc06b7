using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Web;
using Bunit;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Referrals;
using Integration.Portal.Components.Pages;
using Integration.Vocabulary;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

/// <summary>The partner's inbox against a scripted API: the overdue block pages like the rest, and asks for what is due first.</summary>
public sealed class InboxTests : BunitContext
{
    private readonly ScriptedInbox api = new(overdue: 45);
    private readonly Bunit.TestDoubles.BunitAuthorizationContext authorization;

    public InboxTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        Services.AddLocalization();
        Services.AddRomeClock();
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddSingleton(new ReferralsApi(new HttpClient(api) { BaseAddress = new Uri("http://gateway/") }));
        authorization = AddAuthorization();
        authorization.SetAuthorized("partner-staff").SetRoles("partner")
            .SetClaims(new System.Security.Claims.Claim(Integration.ServiceDefaults.IntegrationClaims.Organisation, ScriptedInbox.Organisation.ToString()));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        JSInterop.SetupVoid("portal.setTitle", _ => true).SetVoidResult();
        JSInterop.SetupVoid("portal.focusField", _ => true).SetVoidResult();
    }

    [Fact]
    public void every_overdue_referral_is_reachable_a_page_at_a_time_the_longest_overdue_first()
    {
        var inbox = Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Equal("Overdue: 45", inbox.Find("h2.warning").TextContent.Trim()));
        Assert.Equal(20, inbox.FindAll("article.referral-card").Count);

        var pager = inbox.Find("nav[aria-label='Overdue referrals: Page 1 of 3']");
        pager.QuerySelectorAll("button")[1].Click();

        inbox.WaitForAssertion(() => Assert.NotNull(inbox.Find("nav[aria-label='Overdue referrals: Page 2 of 3']")));
        Assert.Contains(api.OverdueRequests, query => query["page"] == "2" && query["sort"] == "due" && query["pageSize"] == "20");
        Assert.Contains(inbox.FindAll("article.referral-card"), card => card.TextContent.Contains("Service 21", StringComparison.Ordinal));
    }

    [Fact]
    public void the_search_and_the_filters_go_to_every_question_the_inbox_asks_and_overdue_only_leaves_the_overdue()
    {
        var inbox = Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Equal(2, inbox.FindAll("#inbox-service option[value]").Count(option => option.GetAttribute("value") != "")));

        inbox.Find("#inbox-search").Change("Haddad");
        inbox.Find("form[role=search]").Submit();
        inbox.Find("#inbox-service").Change(ScriptedInbox.Shelter.ToString());

        inbox.WaitForAssertion(() => Assert.Contains(api.Requests, query => query["serviceId"] == ScriptedInbox.Shelter.ToString()));
        var last = api.Requests.TakeLast(3).ToList();
        Assert.All(last, query => Assert.Equal(("Haddad", ScriptedInbox.Shelter.ToString()), (query["q"], query["serviceId"])));
        Assert.Contains(last, query => query["stage"] is null && query["page"] is null);

        inbox.Find("#inbox-overdue").Change(true);

        inbox.WaitForAssertion(() => Assert.Single(inbox.FindAll("nav.pager")));
        Assert.Equal("Overdue: 45", inbox.Find("h2.warning").TextContent.Trim());
        Assert.Single(inbox.FindAll("h2"));
    }

    [Fact]
    public void staff_serving_two_tenants_see_whose_each_referral_is_and_act_in_its_tenant()
    {
        var inbox = Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Equal(20, inbox.FindAll("article.referral-card").Count));
        Assert.DoesNotContain("for val-susa", inbox.Find("article.referral-card").TextContent, StringComparison.Ordinal);

        authorization.SetClaims(new System.Security.Claims.Claim(Integration.ServiceDefaults.IntegrationClaims.Organisation, ScriptedInbox.Organisation.ToString()),
            new System.Security.Claims.Claim(Integration.ServiceDefaults.IntegrationClaims.Tenant, "default"),
            new System.Security.Claims.Claim(Integration.ServiceDefaults.IntegrationClaims.Tenant, "val-susa"));
        var merged = Render<Inbox>();
        merged.WaitForAssertion(() => Assert.Equal(20, merged.FindAll("article.referral-card").Count));
        var card = merged.Find("article.referral-card");
        Assert.Contains("for val-susa", card.TextContent, StringComparison.Ordinal);
        card.QuerySelectorAll("button").Single(button => button.TextContent.Trim() == "Accept").Click();

        merged.WaitForAssertion(() => Assert.Single(api.Steps));
        Assert.Equal(("POST", "val-susa"), (api.Steps[0].Method.Method, HttpUtility.ParseQueryString(api.Steps[0].RequestUri!.Query)["tenant"]));
        Assert.EndsWith("/accept", api.Steps[0].RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>Answers <c>GET api/referrals/inbox</c>: <c>overdue</c> referrals when asked for them, none otherwise.</summary>
    private sealed class ScriptedInbox(int overdue) : HttpMessageHandler
    {
        public static readonly Guid Organisation = Guid.NewGuid();
        public static readonly Guid Shelter = Guid.NewGuid();

        public List<System.Collections.Specialized.NameValueCollection> OverdueRequests { get; } = [];

        public List<System.Collections.Specialized.NameValueCollection> Requests { get; } = [];

        /// <summary>The steps taken on referrals (<c>POST api/referrals/referrals/{id}/{step}</c>).</summary>
        public List<HttpRequestMessage> Steps { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            if (request.RequestUri.AbsolutePath == "/api/referrals/directory")
            {
                Assert.Equal(Organisation.ToString(), query["organisationId"]);
                DirectoryEntry[] services = [Service(Shelter, "Shelter", "Beds"), Service(Guid.NewGuid(), "Flat search", "Flats")];
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = JsonContent.Create(new ListPageOfDirectoryEntry { Items = services, Page = 1, PageSize = 100, Total = 2 }, options: ApiCalls.Json),
                });
            }

            if (request.Method == HttpMethod.Post)
            {
                Steps.Add(request);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
            }

            Requests.Add(query);
            if (request.RequestUri.AbsolutePath == "/api/referrals/inbox/counts")
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = JsonContent.Create(new InboxCounts { New = overdue, Overdue = overdue, Changes = $"{overdue}.{overdue}" }, options: ApiCalls.Json),
                });
            }

            var page = int.Parse(query["page"]!, CultureInfo.InvariantCulture);
            var size = int.Parse(query["pageSize"]!, CultureInfo.InvariantCulture);
            var late = query["overdue"] == "true";
            if (late)
            {
                OverdueRequests.Add(query);
            }

            var total = late ? overdue : 0;
            var items = Enumerable.Range((page - 1) * size + 1, Math.Max(0, Math.Min(size, total - (page - 1) * size))).Select(Referral).ToList();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new ListPageOfReferralView { Items = items, Page = page, PageSize = size, Total = total }, options: ApiCalls.Json),
            });
        }

        private static DirectoryEntry Service(Guid id, string name, string description) => new()
        {
            ServiceId = id, Name = name, Description = description, Category = NeedDomain.Housing, Languages = ["ar"], ResponseHours = 48,
            OrganisationId = Organisation, OrganisationName = "Casa Aperta",
        };

        private static ReferralView Referral(int number) => new()
        {
            Id = Guid.NewGuid(), ClientId = Guid.NewGuid(), NeedId = Guid.NewGuid(), ServiceId = Guid.NewGuid(), ServiceName = $"Service {number}",
            OrganisationId = Guid.NewGuid(), OrganisationName = "Casa Aperta", Category = NeedDomain.Housing, Urgency = Priority.High,
            Office = "milan-central", Status = ReferralStatus.Sent, CreatedAt = DateTimeOffset.UtcNow.AddDays(-3),
            ResponseDueAt = DateTimeOffset.UtcNow.AddDays(-1), IsOverdue = true,
            TenantId = "val-susa",
        };
    }
}
