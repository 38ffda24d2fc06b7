namespace Integration.Referrals.Contracts;

// Referrals' integration events, published by the relay with the referrals event id as message id.
// Contracts change additively only: add properties, never rename or remove. No personal data: a
// withdrawal's free-text reason stays inside referrals.

/// <summary>The case worker withdrew a referral; what was arranged for it (a mediator booking) should be called off.</summary>
public sealed record ReferralWithdrawn(Guid ReferralId, DateTimeOffset WithdrawnAt);

/// <summary>
/// Someone was shown a client's personal data in referrals (a referral's client details, a
/// partner's inbox, the client reference): intake keeps every such read in the client's access log.
/// </summary>
public sealed record ClientDataViewed(
    Guid ClientId, string By, string Role, Guid? Organisation, string? Office, string Service, string Endpoint, DateTimeOffset At)
{
    /// <summary>The reader's display name, when the token carried one.</summary>
    public string? ByName { get; init; }
}

/// <summary>A partner organisation joined the directory: intake names it in plans (who is responsible for an action).</summary>
public sealed record OrganisationRegistered(Guid OrganisationId, string Name, DateTimeOffset RegisteredAt);

/// <summary>
/// A funding stream was recorded: intake checks the streams plan actions name against it, mediators the streams bookings name.
/// The code is unique ignoring case; the stream runs from <see cref="StartsOn"/> to <see cref="EndsOn"/>, both included.
/// </summary>
public sealed record FundingStreamRegistered(string Code, string Name, string Funder, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset RegisteredAt);
