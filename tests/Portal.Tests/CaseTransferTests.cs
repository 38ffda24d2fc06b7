using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Intake;
using Integration.Portal.Components.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

/// <summary>A coordinator moves a case to one of the one-stop-shop's offices, chosen from intake's list instead of typed.</summary>
public sealed class CaseTransferTests : BunitContext
{
    private readonly OfficesAndTransfers intake = new();

    public CaseTransferTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        Services.AddLocalization();
        Services.AddSingleton(new CasesApi(new HttpClient(intake) { BaseAddress = new Uri("http://gateway/") }));
        AddAuthorization().SetAuthorized("coordinator-1").SetRoles("coordinator");
    }

    [Fact]
    public void the_transfer_offers_the_other_offices_and_sends_the_one_chosen()
    {
        var actions = Render<CoordinatorCaseActions>(parameters => parameters.Add(panel => panel.Client, new ClientView
        {
            Id = Guid.NewGuid(), GivenName = "Olena", FamilyName = "Melnyk", DateOfBirth = new DateOnly(1984, 5, 9), Office = "milan-central",
            Case = new CaseFile { Status = CaseStatus.Open, OpenedAt = DateTimeOffset.UtcNow }, RegisteredAt = DateTimeOffset.UtcNow, Version = 3,
        }));

        actions.FindAll("button").Single(button => button.TextContent == "Transfer to another office").Click();
        actions.WaitForAssertion(() => Assert.Equal(["", "bari", "florence"],
            actions.FindAll("#transfer-office option").Select(option => option.GetAttribute("value") ?? "?").ToArray()));
        actions.Find("#transfer-office").Change("bari");
        actions.Find("#transfer-reason").Change("Moved to her sister's flat");
        actions.Find("form[aria-label='Transfer to another office']").Submit();

        actions.WaitForAssertion(() => Assert.Equal("bari", Assert.Single(intake.Transfers).GetProperty("office").GetString()));
    }

    /// <summary>Answers the office list with three offices and records each transfer's body.</summary>
    private sealed class OfficesAndTransfers : HttpMessageHandler
    {
        public List<JsonElement> Transfers { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/api/intake/offices")
            {
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = JsonContent.Create(new OfficeList { Offices = ["bari", "florence", "milan-central"] }, options: ApiCalls.Json),
                };
            }

            Assert.EndsWith("/transfer", request.RequestUri.AbsolutePath, StringComparison.Ordinal);
            Transfers.Add(await request.Content!.ReadFromJsonAsync<JsonElement>(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
