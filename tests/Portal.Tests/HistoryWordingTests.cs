using System.Globalization;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Intake;
using OrganisationView = Integration.Portal.Api.Contracts.Referrals.OrganisationView;
using Integration.Portal.Components.Clients;
using Integration.Portal.Resources;
using Integration.Vocabulary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Integration.Portal.Tests;

public sealed class HistoryWordingTests
{
    private static readonly Guid NeedId = Guid.NewGuid();
    private static readonly Guid ConsentId = Guid.NewGuid();
    private static readonly OrganisationView Shelter = new() { Id = Guid.NewGuid(), Name = "Casa Aperta", Description = "Emergency housing" };

    private static readonly ClientView Client = new ClientView
    {
        Id = Guid.NewGuid(), GivenName = "Olena", FamilyName = "Melnyk", DateOfBirth = new DateOnly(1984, 5, 9), Nationalities = ["UA"],
        PreferredLanguage = "uk", Office = "milan-central", Case = new CaseFile { Status = CaseStatus.Open, OpenedAt = DateTimeOffset.UtcNow },
        RegisteredAt = DateTimeOffset.UtcNow, Version = 5,
        Consents =
        [
            new Consent
            {
                Id = ConsentId, Purpose = ConsentPurpose.Referral, RecipientOrganisationId = Shelter.Id, DataCategories = [DataCategory.Identity],
                LawfulBasis = LawfulBasis.Consent, GivenAt = DateTimeOffset.UtcNow, Status = ConsentStatus.Withdrawn,
            },
        ],
        Needs =
        [
            new Need
            {
                Id = NeedId, Domain = NeedDomain.Housing, Priority = Priority.Urgent, Description = "A bed", Status = NeedStatus.Open, AddedAt = DateTimeOffset.UtcNow,
            },
        ],
    };

    [Theory]
    [InlineData("en-GB", "Priority of the housing need changed to urgent")]
    [InlineData("it", "Priorità del bisogno casa cambiata in urgente")]
    public void a_need_is_named_by_its_area_in_the_staffs_language_not_by_its_id(string culture, string expected)
    {
        var entry = Entry("need_reprioritised", ("need_id", NeedId.ToString()), ("priority", "urgent"));

        Assert.Equal(expected, Describe(entry, culture));
    }

    [Fact]
    public void consents_and_organisations_are_named_and_what_staff_typed_is_kept()
    {
        var given = Entry("consent_given", ("purpose", "referral"), ("organisation_id", Shelter.Id.ToString()), ("data_categories", "identity"));
        var withdrawn = Entry("consent_withdrawn", ("consent_id", ConsentId.ToString()), ("reason", "Moved to Bologna"));

        Assert.Equal("Consent given for referral to a partner organisation, to Casa Aperta", Describe(given, "en-GB"));
        Assert.Equal("Consent to Casa Aperta withdrawn: Moved to Bologna", Describe(withdrawn, "en-GB"));
    }

    [Fact]
    public void a_change_the_portal_does_not_know_is_shown_with_the_apis_summary()
    {
        var entry = new HistoryEntry { Version = 9, At = DateTimeOffset.UtcNow, By = "worker-3", Type = "household_changed", Summary = "Household changed: 4 people" };

        Assert.Equal("Household changed: 4 people", Describe(entry, "en-GB"));
    }

    [Theory]
    [InlineData("en-GB", "Tigrinya mediator: Samira Benali cannot attend; looking for another mediator: Ill this week")]
    [InlineData("it", "Mediatore di tigrino: Samira Benali non può esserci; si cerca un altro mediatore: Ill this week")]
    public void a_mediator_who_cannot_attend_is_named_on_the_timeline_in_the_staffs_language(string culture, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var entry = new TimelineEntry
        {
            At = DateTimeOffset.UtcNow, By = new StaffMember { Id = "demo-mediator", Name = "Samira Benali" }, Service = "mediators", Type = "booking.withdrawn",
            Summary = "Samira Benali cannot attend: looking for another Tigrinya mediator",
            Details = new Dictionary<string, string> { ["language"] = "ti", ["mediator_name"] = "Samira Benali", ["note"] = "Ill this week" },
        };
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

        Assert.Equal(expected, Integration.Portal.Components.Cases.CaseWording.Describe(entry, Client, [Shelter],
            services.GetRequiredService<IStringLocalizer<Strings>>()));
    }

    [Theory]
    [InlineData("en-GB", "client.merged", "Merged into another record of the same person: Same passport")]
    [InlineData("it", "client.duplicate_unmerged", "Unione annullata: la pratica dell'altra scheda le è tornata: Same passport")]
    public void merges_and_unmerges_are_worded_on_the_timeline_in_the_staffs_language(string culture, string type, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var entry = new TimelineEntry
        {
            At = DateTimeOffset.UtcNow, By = new StaffMember { Id = "coordinator", Name = "Elena Conti" }, Service = "intake", Type = type,
            Summary = "the API's English summary", Details = new Dictionary<string, string> { ["reason"] = "Same passport" },
        };
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

        Assert.Equal(expected, Integration.Portal.Components.Cases.CaseWording.Describe(entry, Client, [Shelter],
            services.GetRequiredService<IStringLocalizer<Strings>>()));
    }

    private static HistoryEntry Entry(string type, params (string Name, string Value)[] details) =>
        new()
        {
            Version = 1, At = DateTimeOffset.UtcNow, By = "worker-3", Type = type, Summary = "the API's summary",
            Details = details.ToDictionary(detail => detail.Name, detail => detail.Value),
        };

    private static string Describe(HistoryEntry entry, string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return HistoryWording.Describe(entry, Client, [Shelter], services.GetRequiredService<IStringLocalizer<Strings>>());
    }
}
