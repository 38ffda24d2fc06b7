using Integration.Eventing;
using Integration.Referrals.Referrals;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients;

/// <summary>
/// Referrals' part of an erasure ordered at intake (docs/architecture.md, "Erasure"): in one
/// transaction the client reference's events and the notes of every referral of the client are
/// masked, their snapshots blanked (<see cref="ClientReferenceErased"/>, <see cref="ReferralClientErased"/>)
/// and the idempotency records of those referrals dropped. The relay publishes
/// <see cref="IntakeEvents.ClientErasureConfirmed"/> for the <see cref="ClientReferenceErased"/> event.
/// Referrals keep their service, organisation, category and dates, so the caseload still counts them;
/// an open one is withdrawn (the person will not come, and it must not go overdue in an inbox for
/// good), and none takes any more actions (410 <c>client_erased</c>).
/// </summary>
internal static class ClientErasure
{
    private static readonly ClientContact NoContact = new(null, null, null);
    private static readonly ClientLanguages NoLanguages = new([], null, false);

    public static readonly PersonalDataMasking Masking = new PersonalDataMasking()
        .Mask<ClientReferenceRecorded>(e => e with
        {
            GivenName = PersonalDataMasking.Erased,
            FamilyName = PersonalDataMasking.Erased,
            DateOfBirth = DateOnly.MinValue,
            Contact = NoContact,
            Languages = NoLanguages,
            LegalStatusCategory = null,
            LegalStatusValidUntil = null,
            Sex = null,
            Nationalities = [],
        })
        .Mask<ClientContactUpdated>(e => e with { Contact = NoContact })
        .Mask<ClientLanguagesUpdated>(e => e with { Languages = NoLanguages })
        .Mask<ClientLegalStatusUpdated>(e => e with { Category = PersonalDataMasking.Erased, ValidUntil = null })
        .Mask<ClientNeedRecorded>(e => e with { Description = PersonalDataMasking.Erased })
        .Mask<ClientIdentityUpdated>(e => e with
        {
            GivenName = PersonalDataMasking.Erased, FamilyName = PersonalDataMasking.Erased, DateOfBirth = DateOnly.MinValue, Sex = null, Nationalities = null,
        })
        .Mask<ReferralSent>(e => e with { Note = PersonalDataMasking.Text(e.Note) })
        .Mask<ReferralDeclined>(e => e with { Note = PersonalDataMasking.Text(e.Note) })
        .Mask<ReferralCompleted>(e => e with { Note = PersonalDataMasking.Text(e.Note) })
        .Mask<ReferralWithdrawn>(e => e with { Reason = PersonalDataMasking.Erased })
        .Mask<ReferralRedirected>(e => e with { Note = PersonalDataMasking.Text(e.Note) })
        .Mask<ReferralUpdatePosted>(e => e with { Text = PersonalDataMasking.Erased });

    public static ClientReference Blank(ClientReference client)
    {
        return client with
        {
            GivenName = PersonalDataMasking.Erased,
            FamilyName = PersonalDataMasking.Erased,
            DateOfBirth = DateOnly.MinValue,
            Contact = NoContact,
            Languages = NoLanguages,
            LegalStatusCategory = null,
            LegalStatusValidUntil = null,
            Needs = [.. client.Needs.Select(need => need with { Description = PersonalDataMasking.Erased })],
        };
    }
}

/// <summary>The client's data was erased at intake (<see cref="ClientErasure"/>); the relay confirms it to intake.</summary>
public sealed record ClientReferenceErased(Guid ClientId, DateTimeOffset ErasedAt, DateTimeOffset RecordedAt);

/// <summary>Applies <see cref="IntakeEvents.ClientErased"/> once; an erasure that overtakes the registration leaves a blank reference.</summary>
internal sealed class ClientErasedConsumer(IDocumentStore store, TimeProvider clock)
    : ClientErasureConsumer<IntakeEvents.ClientErased, ClientReference>(store, clock)
{
    protected override PersonalDataMasking Masking => ClientErasure.Masking;

    protected override Guid ClientId(IntakeEvents.ClientErased message) => message!.ClientId;

    protected override object ReferenceErased(IntakeEvents.ClientErased message, DateTimeOffset now) =>
        new ClientReferenceErased(message!.ClientId, message.ErasedAt, now);

    protected override async Task EraseRecordsAsync(Guid clientId, IDocumentSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Funding.Reporting.FundingReportProjection.ForgetDateOfBirth(session, clientId);
        var referrals = await session.Query<Referral>().Where(referral => referral.ClientId == clientId).ToListAsync(cancellationToken);
        foreach (var referral in referrals)
        {
            object[] withdrawn = referral.Status == ReferralStatus.Suspended || ReferralLifecycle.OpenStatuses.Contains(referral.Status)
                ? [new ReferralWithdrawn(referral.Id, PersonalDataMasking.Erased, Referral.System, now)]
                : [];
            await ClientErasure.Masking.MaskAndRecordAsync<Referral>(session, referral.Id, new ReferralClientErased(referral.Id, now), cancellationToken,
                withdrawn);

            var created = $"/referrals/{referral.Id}";
            session.DeleteWhere<IdempotencyRecord>(record => record.Location.EndsWith(created));
        }
    }
}
