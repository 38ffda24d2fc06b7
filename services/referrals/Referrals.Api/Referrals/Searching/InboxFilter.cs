using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Referrals.Searching;

/// <summary>The partner's work queue: what to answer, what is under way, who waits for a place, what is over.</summary>
public enum InboxStage { New, InProgress, Waiting, Closed }

/// <summary>
/// What the partner's inbox is narrowed by (<c>GET /inbox</c> and <c>GET /inbox/counts</c> alike): a
/// status or a stage, an urgency, overdue or not, one of the organisation's services, and a client
/// or service name (<see cref="InboxSearch"/>). Always within the caller's organisation.
/// </summary>
public sealed record InboxFilter(ReferralStatus? Status, InboxStage? Stage, Priority? Urgency, bool? Overdue, Guid? ServiceId, string? Text)
{
    /// <summary>The referrals <see cref="Text"/> names (<see cref="ResolveAsync"/>), found once however many questions the filter then asks.</summary>
    public IReadOnlyList<Guid> Named { get; init; } = [];

    public static InboxFilter Parse(string? status, string? stage, string? urgency, bool? overdue, string? serviceId, string? q, FieldErrors errors)
    {
        errors.OptionalText("q", q, InboxSearch.MaxLength);
        Guid? service = null;
        if (serviceId is not null)
        {
            service = Guid.TryParse(serviceId, out var parsed) ? parsed : null;
            if (service is null)
            {
                errors.Add("serviceId", "Not a service id (a UUID from the directory).");
            }
        }

        return new InboxFilter(QueryParameters.Vocabulary<ReferralStatus>("status", status, errors), QueryParameters.Vocabulary<InboxStage>("stage", stage, errors),
            QueryParameters.Vocabulary<Priority>("urgency", urgency, errors), overdue, service, string.IsNullOrWhiteSpace(q) ? null : q.Trim());
    }

    public static ReferralStatus[] StatusesOf(InboxStage stage) => stage switch
    {
        InboxStage.New => [ReferralStatus.Sent],
        InboxStage.InProgress => [ReferralStatus.Accepted, ReferralStatus.InContact],
        InboxStage.Waiting => [ReferralStatus.Waitlisted],
        _ => [ReferralStatus.Completed, ReferralStatus.Declined, ReferralStatus.NoShow, ReferralStatus.Withdrawn, ReferralStatus.Redirected,
            ReferralStatus.Suspended],
    };

    /// <summary>The filter with the referrals whose client <see cref="Text"/> names looked up (a name only where consent shares it, see <see cref="InboxSearch"/>).</summary>
    public async Task<InboxFilter> ResolveAsync(IQuerySession session, Guid organisation, DateTimeOffset now, CancellationToken cancellationToken) =>
        Text is { } text ? this with { Named = await InboxSearch.ReferralsNamingAsync(session, organisation, text, now, cancellationToken) } : this;

    /// <summary>The organisation's referrals this filter keeps; <see cref="ResolveAsync"/> first when it has a <see cref="Text"/>.</summary>
    public IQueryable<Referral> Apply(IQuerySession session, Guid organisation)
    {
        var query = session.Query<Referral>().Where(referral => referral.OrganisationId == organisation);
        if (Status is { } status)
        {
            query = query.Where(referral => referral.Status == status);
        }

        if (Stage is { } stage)
        {
            var statuses = StatusesOf(stage);
            query = query.Where(referral => statuses.Contains(referral.Status));
        }

        if (Urgency is { } urgency)
        {
            query = query.Where(referral => referral.Urgency == urgency);
        }

        if (Overdue is { } overdue)
        {
            query = query.Where(referral => referral.IsOverdue == overdue);
        }

        if (ServiceId is { } service)
        {
            query = query.Where(referral => referral.ServiceId == service);
        }

        if (Text is { } text)
        {
            Guid[] named = [.. Named];
            query = query.Where(referral => referral.ServiceName.Contains(text, StringComparison.OrdinalIgnoreCase) || referral.Id.IsOneOf(named));
        }

        return query;
    }
}
