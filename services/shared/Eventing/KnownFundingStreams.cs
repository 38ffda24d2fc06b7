using System.Text.RegularExpressions;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Eventing;

/// <summary>What a body that names a funding stream is checked against: the stream's code and the days it runs.</summary>
public interface IFundingStreamDates
{
    string Code { get; }

    DateOnly StartsOn { get; }

    DateOnly EndsOn { get; }
}

/// <summary>
/// A funding stream (owned by referrals) as a service that only names one needs it: its code and its days, kept from
/// referrals' <c>FundingStreamRegistered</c> events (intake for plan actions, mediators for bookings).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A funding stream is what funders and the contract call it; it is no System.IO.Stream.")]
public sealed record KnownFundingStream(Guid Id, string Code, string Name, DateOnly StartsOn, DateOnly EndsOn) : IFundingStreamDates
{
    /// <summary>The copy of a stream referrals announced, under the id its code stands for.</summary>
    public static KnownFundingStream Of(string code, string name, DateOnly startsOn, DateOnly endsOn) =>
        new(FundingStreamCodes.IdOf(code), code, name, startsOn, endsOn);
}

/// <summary>Funding stream codes and the one check of a body that names a stream, shared by every service that takes one.</summary>
public static partial class FundingStreamCodes
{
    public const string UnknownFundingStream = "unknown_funding_stream";
    public const string NotCurrent = "funding_stream_not_current";

    /// <summary>The stream id a code stands for, whatever its case: "AMIF-2024" and "amif-2024" are one stream.</summary>
    public static Guid IdOf(string code) => DeterministicIds.From($"funding-stream:{code.Trim().ToUpperInvariant()}");

    /// <summary>A code as typed, when it is one: letters, digits, '.', '-' and '_', starting with a letter or digit.</summary>
    public static bool IsCode(string code) => Code().IsMatch(code);

    /// <summary>
    /// The stream a body names in <paramref name="field"/>, checked for <paramref name="day"/>: null when none is named; a field error
    /// when the code names no stream (<c>unknown_funding_stream</c>; a stream registered a moment ago may take a few seconds to reach a
    /// service that keeps a copy) or one whose dates do not cover the day (<c>funding_stream_not_current</c>).
    /// </summary>
    public static async Task<TStream?> CheckAsync<TStream>(IQuerySession session, FieldErrors errors, string field, string? code, DateOnly day,
        CancellationToken cancellationToken)
        where TStream : class, IFundingStreamDates
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        if (await FindAsync<TStream>(session, code, cancellationToken) is not { } stream)
        {
            errors.Add(field, "No funding stream with this code (one registered a moment ago may take a few seconds to arrive).", UnknownFundingStream);
            return null;
        }

        if (day < stream.StartsOn || day > stream.EndsOn)
        {
            errors.Add(field, $"The funding stream runs from {stream.StartsOn:yyyy-MM-dd} to {stream.EndsOn:yyyy-MM-dd}.", NotCurrent);
            return null;
        }

        return stream;
    }

    /// <summary>The stream a code names, in any case; null for a code that names none or is no code at all.</summary>
    public static async Task<TStream?> FindAsync<TStream>(IQuerySession session, string code, CancellationToken cancellationToken)
        where TStream : class, IFundingStreamDates =>
        IsCode(code.Trim()) ? await session.LoadAsync<TStream>(IdOf(code), cancellationToken) : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Code();
}
