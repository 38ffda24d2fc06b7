using System.Text.Json.Serialization;
using Integration.Referrals.Clients;
using Integration.Referrals.Consents;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Referrals;

/// <summary>
/// Which of a client's consents allow a referral to a recipient, and which data categories the
/// recipient may therefore see. A consent covers a recipient when it is for purpose
/// <c>referral</c>, active now, and names either the organisation or the service's category.
/// </summary>
internal static class ConsentCoverage
{
    public static readonly string ReferralPurpose = VocabularyNames.Name(ConsentPurpose.Referral);

    public static bool Covers(ConsentReference consent, Guid organisationId, NeedDomain category, DateTimeOffset now)
    {
        return consent.Purpose == ReferralPurpose
            && consent.IsActiveAt(now)
            && (consent.RecipientOrganisationId == organisationId || consent.RecipientServiceCategory == VocabularyNames.Name(category));
    }

    public static IReadOnlyList<Guid> Covering(IEnumerable<ConsentReference> consents, Guid organisationId, NeedDomain category, DateTimeOffset now) =>
        [.. consents.Where(consent => Covers(consent, organisationId, category, now)).Select(consent => consent.Id)];

    /// <summary>How long the recipient of a completed referral still sees the person: to write up the work and answer questions about it.</summary>
    public static readonly TimeSpan RecipientRetention = TimeSpan.FromDays(30);

    /// <summary>
    /// The data categories the recipient of <paramref name="referral"/> may see now: what an active consent
    /// shares, while the referral is open (not suspended) or for <see cref="RecipientRetention"/> after it was
    /// completed; nothing once it was declined, redirected, withdrawn or missed, whatever the consent says.
    /// </summary>
    public static IReadOnlySet<string> SharedCategories(Referral referral, IEnumerable<ConsentReference> consents, DateTimeOffset now)
    {
        if (!RecipientWorksWith(referral, now))
        {
            return new HashSet<string>();
        }

        return consents.Where(consent => consent.ClientId == referral.ClientId && Covers(consent, referral.OrganisationId, referral.Category, now))
            .SelectMany(consent => consent.DataCategories)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool RecipientWorksWith(Referral referral, DateTimeOffset now) =>
        ReferralLifecycle.OpenStatuses.Contains(referral.Status)
        || (referral.Status == ReferralStatus.Completed && referral.Timeline.LastOrDefault(entry => entry.Type == ReferralSteps.Completed)?.At + RecipientRetention > now);

    public static async Task<IReadOnlyList<ConsentReference>> ForClientsAsync(IQuerySession session, IEnumerable<Guid> clientIds,
        CancellationToken cancellationToken)
    {
        var ids = clientIds.Distinct().ToArray();
        return ids.Length == 0
            ? []
            : await session.Query<ConsentReference>()
                .Where(consent => ids.Contains(consent.ClientId) && consent.Purpose == ReferralPurpose && consent.Status == ConsentReference.Active)
                .ToListAsync(cancellationToken);
    }
}

/// <summary>
/// The client as a referral's recipient sees them: only what the client's consent shares
/// (data minimisation). Categories and the fields they open: <c>identity</c> names and date of
/// birth; <c>contact</c> phone, e-mail, municipality; <c>language</c> languages and interpreter;
/// <c>legal_status</c> the status category and its validity; <c>needs</c> the need's description.
/// Absent fields are not shared.
/// </summary>
public sealed record SharedClient
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? GivenName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FamilyName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateOnly? DateOfBirth { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Phone { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Email { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Municipality { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<IntakeEvents.LanguageSkill>? Languages { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PreferredLanguage { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? InterpreterRequired { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? LegalStatus { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateOnly? LegalStatusValidUntil { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NeedDescription { get; init; }

    public static SharedClient? From(ClientReference? client, Guid needId, IReadOnlySet<string> categories)
    {
        if (client is null || client.ErasedAt is not null || categories.Count == 0)
        {
            return null;
        }

        var identity = categories.Contains(VocabularyNames.Name(DataCategory.Identity));
        var contact = categories.Contains(VocabularyNames.Name(DataCategory.Contact));
        var language = categories.Contains(VocabularyNames.Name(DataCategory.Language));
        var legalStatus = categories.Contains(VocabularyNames.Name(DataCategory.LegalStatus));
        var needs = categories.Contains(VocabularyNames.Name(DataCategory.Needs));
        return new SharedClient
        {
            GivenName = identity ? client.GivenName : null,
            FamilyName = identity ? client.FamilyName : null,
            DateOfBirth = identity ? client.DateOfBirth : null,
            Phone = contact ? client.Contact.Phone : null,
            Email = contact ? client.Contact.Email : null,
            Municipality = contact ? client.Contact.Municipality : null,
            Languages = language ? client.Languages.Spoken : null,
            PreferredLanguage = language ? client.Languages.Preferred : null,
            InterpreterRequired = language ? client.Languages.InterpreterRequired : null,
            LegalStatus = legalStatus ? client.LegalStatusCategory : null,
            LegalStatusValidUntil = legalStatus ? client.LegalStatusValidUntil : null,
            NeedDescription = needs ? client.FindNeed(needId)?.Description : null,
        };
    }
}
