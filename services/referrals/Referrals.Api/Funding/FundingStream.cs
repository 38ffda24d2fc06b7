using Integration.Eventing;
using Integration.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Referrals.Funding;

/// <summary>
/// A funding stream: the project money (AMIF, ESF+, a municipal budget) that pays for services, and
/// so for the referrals to them, reported to its funder project by project. Its code names it and is
/// unique ignoring case (the stream's id follows from it).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A funding stream is what funders and the contract call it; it is no System.IO.Stream.")]
public sealed record FundingStream(
    Guid Id, string Code, string Name, string Funder, string? Programme, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset RegisteredAt,
    int Version) : IStreamReadModel, IFundingStreamDates
{
    public static FundingStream Create(FundingStreamRegistered e) =>
        new(e.FundingStreamId, e.Code, e.Name, e.Funder, e.Programme, e.StartsOn, e.EndsOn, e.RegisteredAt, Version: 1);

    public bool Covers(DateOnly day) => day >= StartsOn && day <= EndsOn;
}

public sealed record FundingStreamRegistered(
    Guid FundingStreamId, string Code, string Name, string Funder, string? Programme, DateOnly StartsOn, DateOnly EndsOn, string RegisteredBy,
    DateTimeOffset RegisteredAt);

/// <summary>A funding stream as the API shows it.</summary>
public sealed record FundingStreamView(string Code, string Name, string Funder, string? Programme, DateOnly StartsOn, DateOnly EndsOn)
{
    public static FundingStreamView Of(FundingStream stream) =>
        new(stream.Code, stream.Name, stream.Funder, stream.Programme, stream.StartsOn, stream.EndsOn);
}

internal static class FundingStreams
{
    public const int MaxCodeLength = 40;
    public const int MaxTextLength = 200;
    public const string NoSuchStream = "No funding stream with this code.";

    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<FundingStream>(SnapshotLifecycle.Inline);
        options.Schema.For<FundingStream>().Duplicate(stream => stream.Code);
        options.Projections.Add(new Reporting.FundingReportProjection(options.DatabaseSchemaName), ProjectionLifecycle.Async);
    }

    /// <summary>What other services report of the work streams paid for: mediations delivered, plan goals achieved, plan actions done.</summary>
    public static void AddConsumers(MassTransit.IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<Recording.FundedBookingConsumer>();
        bus.AddConsumer<Recording.FundedGoalConsumer>();
        bus.AddConsumer<Recording.FundedActionConsumer>();
    }
}
