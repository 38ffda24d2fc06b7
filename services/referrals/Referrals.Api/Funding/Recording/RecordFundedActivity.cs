using System.Globalization;
using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;
using MediatorEvents = Integration.Mediators.Contracts;

namespace Integration.Referrals.Funding.Recording;

/// <summary>
/// Something a funding stream paid for happened in another service, for the funders' report: a mediation delivered
/// (<see cref="FundedActivity.Booking"/>, with its language and minutes), a plan goal achieved or a plan action done for the client.
/// Each activity is recorded once, on its own stream (<see cref="FundedActivity.StreamId"/>), however often it is announced.
/// </summary>
public sealed record FundedActivityRecorded(
    Guid ActivityId, string Kind, Guid ClientId, IReadOnlyList<string> FundingStreams, DateOnly Day, DateTimeOffset RecordedAt)
{
    public string? Language { get; init; }
    public int Minutes { get; init; }
}

/// <summary>What the funders' report counts besides referrals (<see cref="FundedActivityRecorded.Kind"/>).</summary>
public static class FundedActivity
{
    public const string Referral = "referral", Booking = "booking", PlanGoal = "plan_goal", PlanAction = "plan_action";

    public static Guid StreamId(string kind, Guid activityId) => DeterministicIds.From($"funded-{kind}:{activityId}");

    /// <summary>Records the activity unless it already is (a goal found achieved at two reviews counts once).</summary>
    public static async Task RecordAsync(IDocumentSession session, FundedActivityRecorded activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(activity);
        var streamId = StreamId(activity.Kind, activity.ActivityId);
        if (activity.FundingStreams.Count > 0 && await session.Events.FetchStreamStateAsync(streamId, cancellationToken) is null)
        {
            session.Events.StartStream(streamId, activity);
        }
    }
}

/// <summary>A mediation paid by a stream was delivered: its minutes count for the stream, in the booking's language, on the appointment's day.</summary>
internal sealed class FundedBookingConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<MediatorEvents.BookingActivity>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override Task ApplyAsync(MediatorEvents.BookingActivity message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (message is not { Step: "completed", FundingStream: { } stream, ClientId: { } clientId })
        {
            return Task.CompletedTask;
        }

        var minutes = message.Facts.TryGetValue("actual_minutes", out var actual)
            && int.TryParse(actual, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return FundedActivity.RecordAsync(session,
            new FundedActivityRecorded(message.BookingId, FundedActivity.Booking, clientId, [stream], DateOnly.FromDateTime(message.Start.UtcDateTime),
                clock.GetUtcNow()) { Language = message.Language, Minutes = minutes },
            cancellationToken);
    }
}

/// <summary>A plan goal was achieved with actions paid by streams: it counts once for each of them, on the day of the review that found it.</summary>
internal sealed class FundedGoalConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.PlanGoalAchieved>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override Task ApplyAsync(IntakeEvents.PlanGoalAchieved message, IDocumentSession session, CancellationToken cancellationToken) =>
        FundedActivity.RecordAsync(session,
            new FundedActivityRecorded(message!.GoalId, FundedActivity.PlanGoal, message.ClientId, message.FundingStreams, message.AchievedOn, clock.GetUtcNow()),
            cancellationToken);
}

/// <summary>A plan action paid by a stream was done: the person benefited from the stream that day.</summary>
internal sealed class FundedActionConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.PlanActionDone>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override Task ApplyAsync(IntakeEvents.PlanActionDone message, IDocumentSession session, CancellationToken cancellationToken) =>
        FundedActivity.RecordAsync(session,
            new FundedActivityRecorded(message!.ActionId, FundedActivity.PlanAction, message.ClientId, [message.FundingStream], message.DoneOn,
                clock.GetUtcNow()),
            cancellationToken);
}
