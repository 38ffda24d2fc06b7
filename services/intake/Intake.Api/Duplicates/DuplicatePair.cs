using System.Security.Claims;
using System.Security.Cryptography;
using Integration.Eventing;
using Integration.Intake.Clients.Registering;
using Integration.ServiceDefaults;

namespace Integration.Intake.Duplicates;

/// <summary>Where a pair came from: a desk registered a person despite the candidates shown, or the nightly sweep found it.</summary>
public enum DuplicateSource { RegistrationOverride, Sweep }

public enum DuplicatePairStatus { Open, NotTheSame, Merged }

/// <summary>
/// Two client records that may be one person, waiting for someone to decide. One stream per pair,
/// its id derived from the two client ids (<see cref="IdOf"/>), so a pair is flagged once however
/// often it is found, and a pair decided "not the same" never comes back.
/// </summary>
public sealed record DuplicatePair(
    Guid Id, IReadOnlyList<Guid> ClientIds, double Score, IReadOnlyList<string> MatchedOn, DuplicateSource Source, DateTimeOffset FlaggedAt,
    IReadOnlyList<string> Offices, DuplicatePairStatus Status, int Version) : IStreamReadModel
{
    /// <summary>The office of both records when they share one (case workers of that office decide the pair), else null.</summary>
    public string? SingleOffice { get; init; }

    public static DuplicatePair Create(DuplicatePairFlagged e)
    {
        var offices = e.Offices.Distinct().ToList();
        return new DuplicatePair(e.PairId, e.ClientIds, e.Score, e.MatchedOn, e.Source, e.FlaggedAt, offices, DuplicatePairStatus.Open, Version: 1)
        {
            SingleOffice = offices.Count == 1 && e.Offices.Count == 2 ? offices[0] : null,
        };
    }

    public DuplicatePair Apply(DuplicatePairDismissed e) => this with { Status = DuplicatePairStatus.NotTheSame };

    public DuplicatePair Apply(DuplicatePairMerged e) => this with { Status = DuplicatePairStatus.Merged };

    /// <summary>The same id for a pair whichever record is named first.</summary>
    public static Guid IdOf(Guid first, Guid second)
    {
        var (low, high) = first.CompareTo(second) <= 0 ? (first, second) : (second, first);
        var hash = SHA256.HashData([.. low.ToByteArray(), .. high.ToByteArray()]);
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>The pair as it is first recorded: the earlier record first, with the offices of both.</summary>
    public static DuplicatePairFlagged Flag(Guid existing, string? existingOffice, Guid newer, string? newerOffice, FoundDuplicate found,
        DuplicateSource source, DateTimeOffset now)
    {
        return new DuplicatePairFlagged(IdOf(existing, newer), [existing, newer], found.Score, found.MatchedOn, source,
            [existingOffice ?? "", newerOffice ?? ""], now);
    }
}

// Domain events of the duplicate pair stream. Marten stores their type names: never rename.

public sealed record DuplicatePairFlagged(
    Guid PairId, IReadOnlyList<Guid> ClientIds, double Score, IReadOnlyList<string> MatchedOn, DuplicateSource Source,
    IReadOnlyList<string> Offices, DateTimeOffset FlaggedAt);

public sealed record DuplicatePairDismissed(Guid PairId, string Reason, string DismissedBy, DateTimeOffset DismissedAt);

/// <summary>The pair was decided "same person" by merging its records into <see cref="SurvivorId"/>.</summary>
public sealed record DuplicatePairMerged(Guid PairId, Guid SurvivorId, string MergedBy, DateTimeOffset MergedAt);

/// <summary>Coordinators decide every pair; case workers the pairs whose two records are both of their office. Others' pairs do not exist for them.</summary>
internal static class DuplicatePairAccess
{
    public static bool MayDecide(this ClaimsPrincipal user, DuplicatePair pair)
    {
        return user.SeesAllOffices() || (pair.SingleOffice is not null && pair.SingleOffice == user.Office());
    }
}
