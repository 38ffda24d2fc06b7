namespace Integration.Referrals.Contracts;

/// <summary>
/// One step of a referral's closed loop, for the client's timeline and the office's worklist in
/// intake. <see cref="Step"/>: <c>sent</c>, <c>accepted</c>, <c>declined</c>, <c>waitlisted</c>,
/// <c>first_contact</c>, <c>completed</c>, <c>no_show</c>, <c>withdrawn</c>, <c>redirected</c>,
/// <c>overdue</c>, <c>suspended</c>, <c>update_posted</c>. <see cref="Status"/> is the referral's
/// status after the step and <see cref="IsOverdue"/> whether it waits past its answer time;
/// <see cref="Sequence"/> orders the steps (a consumer keeps the latest). <see cref="Facts"/> holds
/// the step's values (<c>reason</c>, <c>outcome</c>, <c>estimated_date</c>, …); <see cref="Note"/>
/// what staff typed (a decline note, a shared update), which goes only to intake, the keeper of
/// the client's erasure. <see cref="NeedId"/> is the client's need the referral answers (absent from
/// messages sent before it was added), so intake can tell needs met at the desk from referred ones.
/// </summary>
public sealed record ReferralActivity(
    Guid ReferralId, Guid ClientId, string Step, string Status, bool IsOverdue, string Summary, string By, string? ByName, DateTimeOffset At,
    long Sequence)
{
    public string ServiceName { get; init; } = "";
    public string OrganisationName { get; init; } = "";
    public string Office { get; init; } = "";
    public DateTimeOffset ResponseDueAt { get; init; }
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();
    public string? Note { get; init; }
    public Guid? NeedId { get; init; }
}
