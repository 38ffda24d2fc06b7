using System.Text.RegularExpressions;
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
    int Version) : IStreamReadModel
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

internal static partial class FundingStreams
{
    public const int MaxCodeLength = 40;
    public const int MaxTextLength = 200;
    public const string NoSuchStream = "No funding stream with this code.";

    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<FundingStream>(SnapshotLifecycle.Inline);
        options.Schema.For<FundingStream>().Duplicate(stream => stream.Code);
    }

    /// <summary>The stream id a code stands for, whatever its case: "AMIF-2024" and "amif-2024" are one stream.</summary>
    public static Guid IdOf(string code) => DeterministicIds.From($"funding-stream:{code.Trim().ToUpperInvariant()}");

    /// <summary>A code as typed, when it is one: letters, digits, '.', '-' and '_', starting with a letter or digit.</summary>
    public static bool IsCode(string code) => Code().IsMatch(code);

    /// <summary>
    /// The stream a body names in <paramref name="field"/>, on <paramref name="day"/>: null when none is named, a field error when the
    /// code names no stream (<c>unknown_funding_stream</c>) or one whose dates do not cover the day (<c>funding_stream_not_current</c>).
    /// </summary>
    public static async Task<FundingStream?> CheckAsync(IQuerySession session, FieldErrors errors, string field, string? code, DateOnly day,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        if (!IsCode(code.Trim()) || await session.LoadAsync<FundingStream>(IdOf(code), cancellationToken) is not { } stream)
        {
            errors.Add(field, NoSuchStream, UnknownFundingStream);
            return null;
        }

        if (!stream.Covers(day))
        {
            errors.Add(field, $"The funding stream runs from {stream.StartsOn:yyyy-MM-dd} to {stream.EndsOn:yyyy-MM-dd}.", NotCurrent);
            return null;
        }

        return stream;
    }

    public const string UnknownFundingStream = "unknown_funding_stream";
    public const string NotCurrent = "funding_stream_not_current";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Code();
}
