using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Web;
using Bunit;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Mediators;
using Integration.Portal.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Portal.Tests;

/// <summary>The mediator's week as a calendar of the office's days: each booking under the day the office's clock gives it.</summary>
public sealed class MediatorWeekTests : BunitContext
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
    private readonly ScriptedWeek api = new();
    private readonly Bunit.TestDoubles.BunitAuthorizationContext authorization;

    public MediatorWeekTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 9, 10, 0, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(Rome);
        Services.AddLocalization();
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddOfficeClock();
        Services.AddSingleton(new MediatorsApi(new HttpClient(api) { BaseAddress = new Uri("http://gateway/") }));
        authorization = AddAuthorization();
        authorization.SetAuthorized("demo-mediator").SetRoles("mediator");
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        JSInterop.SetupVoid("portal.setTitle", _ => true).SetVoidResult();
    }

    [Fact]
    public void bookings_sit_under_the_office_day_with_today_marked_and_the_week_asked_for_in_the_offices_midnight()
    {
        var week = Render<MyBookings>();
        week.WaitForAssertion(() => Assert.Equal(7, week.FindAll("section.day").Count));

        var query = Assert.Single(api.Requests);
        Assert.Equal(("2030-01-06T23:00:00.0000000+00:00", "2030-01-13T23:00:00.0000000+00:00"), (query["from"], query["to"]));
        var days = week.FindAll("section.day");
        Assert.Contains("Nothing booked.", days[0].TextContent, StringComparison.Ordinal);
        var tuesday = days[1];
        Assert.StartsWith("Tuesday 8 January", tuesday.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("00:30", tuesday.TextContent, StringComparison.Ordinal);
        var wednesday = days[2];
        Assert.Contains("today", wednesday.ClassList);
        Assert.Equal("Wednesday 9 January · today", wednesday.QuerySelector("h2")!.TextContent);
        Assert.Single(week.FindAll("section.today"));

        var phone = wednesday.QuerySelector("article")!;
        Assert.Contains("Tigrinya · by phone", phone.TextContent, StringComparison.Ordinal);
        Assert.Equal("tel:+39 333 111 2222", phone.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Client ref. A7C2-D815", phone.TextContent, StringComparison.Ordinal);
        Assert.Contains("Requested by Marco Bianchi", phone.TextContent, StringComparison.Ordinal);
        Assert.Contains(phone.QuerySelectorAll("button"), button => button.TextContent == "I can't attend");
        Assert.DoesNotContain(tuesday.QuerySelectorAll("button"), button => button.TextContent == "I can't attend");
    }

    [Fact]
    public void a_mediator_serving_two_tenants_sees_whose_each_booking_is_and_acts_in_its_tenant()
    {
        var single = Render<MyBookings>();
        single.WaitForAssertion(() => Assert.Equal(2, single.FindAll("article.card").Count));
        Assert.DoesNotContain(single.FindAll("article.card"), card => card.TextContent.Contains("for val-susa", StringComparison.Ordinal));

        authorization.SetClaims(new System.Security.Claims.Claim(Integration.ServiceDefaults.IntegrationClaims.Tenant, "default"),
            new System.Security.Claims.Claim(Integration.ServiceDefaults.IntegrationClaims.Tenant, "val-susa"));
        var merged = Render<MyBookings>();
        merged.WaitForAssertion(() => Assert.Equal(2, merged.FindAll("article.card").Count));
        var susa = merged.FindAll("article.card").Single(card => card.TextContent.Contains("for val-susa", StringComparison.Ordinal));
        susa.QuerySelectorAll("button").Single(button => button.TextContent.Trim() == "Confirm").Click();

        merged.WaitForAssertion(() => Assert.Single(api.Steps));
        Assert.Equal(("POST", "val-susa"), (api.Steps[0].Method.Method, HttpUtility.ParseQueryString(api.Steps[0].RequestUri!.Query)["tenant"]));
        Assert.EndsWith("/confirm", api.Steps[0].RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>Answers <c>GET api/mediators/bookings</c>: one booking that began on Monday night in UTC (Tuesday in Rome), one this Wednesday morning.</summary>
    private sealed class ScriptedWeek : HttpMessageHandler
    {
        public static readonly Guid Client = Guid.Parse("01a2333e-5b10-7c4d-9e21-04f3a7c2d815");

        public List<System.Collections.Specialized.NameValueCollection> Requests { get; } = [];

        /// <summary>Every request that acts on a booking; each answers 204.</summary>
        public List<HttpRequestMessage> Steps { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get)
            {
                Steps.Add(request);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
            }

            Requests.Add(HttpUtility.ParseQueryString(request.RequestUri!.Query));
            var late = new DateTimeOffset(2030, 1, 7, 23, 30, 0, TimeSpan.Zero);
            var morning = new DateTimeOffset(2030, 1, 9, 14, 0, 0, TimeSpan.Zero);
            BookingView[] bookings =
            [
                new()
                {
                    Id = Guid.NewGuid(), Language = "ar", Mode = MediationMode.InPerson, Start = late, DurationMinutes = 60, End = late.AddHours(1),
                    Location = "Via Padova 36", Status = BookingStatus.Confirmed, MediatorId = Guid.NewGuid(), MediatorName = "Samira Benali",
                },
                new()
                {
                    Id = Guid.NewGuid(), Language = "ti", Specialism = Specialism.Health, Mode = MediationMode.Phone, Start = morning, DurationMinutes = 45,
                    End = morning.AddMinutes(45), Location = "+39 333 111 2222", Status = BookingStatus.Assigned, MediatorId = Guid.NewGuid(),
                    MediatorName = "Samira Benali", ClientId = Client, RequestedByName = "Marco Bianchi", TenantId = "val-susa",
                },
            ];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new ListPageOfBookingView { Items = bookings, Page = 1, PageSize = 200, Total = 2 }, options: ApiCalls.Json),
            });
        }
    }
}
