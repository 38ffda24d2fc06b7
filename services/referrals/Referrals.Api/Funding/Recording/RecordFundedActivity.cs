using System.Globalization;
using Integration.Eventing;
using Marten;
using MassTransit;
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
}

/// <summary>
/// Records what a message says a funding stream paid for, once: the activity's stream id follows from it, so a message delivered
/// twice, or a goal found achieved at two reviews, finds the stream there and records nothing (two at the same moment collide on
/// the id, and the retry finds it). That makes a processed-message marker unnecessary, so a message about nothing paid for (most
/// booking steps) costs no write at all.
/// </summary>
internal abstract class FundedActivityConsumer<TMessage>(IDocumentStore store, TimeProvider clock) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Activity(context.Message, clock.GetUtcNow()) is not { FundingStreams.Count: > 0 } activity)
        {
            return;
        }

        await using var session = store.LightweightSession(Tenancy.StorageIdOf(context));
        var streamId = FundedActivity.StreamId(activity.Kind, activity.ActivityId);
        if (await session.Events.FetchStreamStateAsync(streamId, context.CancellationToken) is null)
        {
            session.Events.StartStream(streamId, activity);
            await session.SaveChangesAsync(context.CancellationToken);
        }
    }

    /// <summary>The activity the message reports, or null when no stream paid for anything in it.</summary>
    protected abstract FundedActivityRecorded? Activity(TMessage message, DateTimeOffset now);
}

/// <summary>A mediation paid by a stream was delivered: its minutes count for the stream, in the booking's language, on the appointment's day.</summary>
internal sealed class FundedBookingConsumer(IDocumentStore store, TimeProvider clock) : FundedActivityConsumer<MediatorEvents.BookingActivity>(store, clock)
{
    protected override FundedActivityRecorded? Activity(MediatorEvents.BookingActivity message, DateTimeOffset now) =>
        message is { Step: "completed", FundingStream: { } stream, ClientId: { } clientId }
            ? new FundedActivityRecorded(message.BookingId, FundedActivity.Booking, clientId, [stream], DateOnly.FromDateTime(message.Start.UtcDateTime), now)
            {
                Language = message.Language,
                Minutes = message.Facts.TryGetValue("actual_minutes", out var actual)
                    && int.TryParse(actual, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : 0,
            }
            : null;
}

/// <summary>A plan goal was achieved with actions paid by streams: it counts once for each of them, on the day of the review that found it.</summary>
internal sealed class FundedGoalConsumer(IDocumentStore store, TimeProvider clock) : FundedActivityConsumer<IntakeEvents.PlanGoalAchieved>(store, clock)
{
    protected override FundedActivityRecorded? Activity(IntakeEvents.PlanGoalAchieved message, DateTimeOffset now) =>
        new(message!.GoalId, FundedActivity.PlanGoal, message.ClientId, message.FundingStreams, message.AchievedOn, now);
}

/// <summary>A plan action paid by a stream was done: the person benefited from the stream that day.</summary>
internal sealed class FundedActionConsumer(IDocumentStore store, TimeProvider clock) : FundedActivityConsumer<IntakeEvents.PlanActionDone>(store, clock)
{
    protected override FundedActivityRecorded? Activity(IntakeEvents.PlanActionDone message, DateTimeOffset now) =>
        new(message!.ActionId, FundedActivity.PlanAction, message.ClientId, [message.FundingStream], message.DoneOn, now);
}
