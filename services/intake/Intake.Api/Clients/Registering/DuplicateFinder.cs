using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Integration.Intake.Clients.Matching;
using Integration.ServiceDefaults;

namespace Integration.Intake.Clients.Registering;

/// <summary>A possible duplicate as the finder knows it, before it is shown to anyone.</summary>
public sealed record FoundDuplicate(
    Guid ClientId, double Score, IReadOnlyList<string> MatchedOn, string GivenName, string FamilyName, DateOnly DateOfBirth, string? Office);

/// <summary>
/// A possible duplicate as the caller may see it. Staff of the candidate's office and coordinators see
/// it in full. Staff of another office see only the score, what matched, the office, the birth year and
/// the initials: enough to call that office before registering again, not enough to locate a person
/// (a desk that guesses names and years must not learn where someone lives or their date of birth).
/// </summary>
public sealed record DuplicateCandidate(double Score, IReadOnlyList<string> MatchedOn, string? Office, int BirthYear, string Initials)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ClientId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GivenName { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FamilyName { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? DateOfBirth { get; init; }

    public static IReadOnlyList<DuplicateCandidate> ShownTo(ClaimsPrincipal user, IEnumerable<FoundDuplicate> found) =>
        [.. found.Select(duplicate => ShownTo(user, duplicate))];

    /// <summary>What a masked match shows of a name: the first letter of the given and of the family name.</summary>
    public static string InitialsOf(string givenName, string familyName) => $"{Initial(givenName)}{Initial(familyName)}";

    private static DuplicateCandidate ShownTo(ClaimsPrincipal user, FoundDuplicate found)
    {
        var masked = new DuplicateCandidate(found.Score, found.MatchedOn, found.Office, found.DateOfBirth.Year,
            InitialsOf(found.GivenName, found.FamilyName));
        return user.WorksWithOffice(found.Office)
            ? masked with { ClientId = found.ClientId, GivenName = found.GivenName, FamilyName = found.FamilyName, DateOfBirth = found.DateOfBirth }
            : masked;
    }

    private static string Initial(string name) =>
        name.TrimStart() is { Length: > 0 } trimmed ? $"{char.ToUpper(trimmed[0], CultureInfo.InvariantCulture)}." : "";
}

/// <summary>Finds possible duplicates in every office: candidates by index keys, then scored and ranked.</summary>
public sealed class DuplicateFinder(ClientIndex index)
{
    private const int CandidatesToScore = 200;
    private const int CandidatesToReturn = 10;

    /// <summary>The records of <paramref name="tenant"/> (a store's tenant id) that may be the same person as <paramref name="subject"/>.</summary>
    public async Task<IReadOnlyList<FoundDuplicate>> FindAsync(string tenant, MatchSubject subject, CancellationToken cancellationToken)
    {
        var candidates = await index.CandidatesAsync(tenant, MatchKeys.ForDuplicateCheck(subject), CandidatesToScore, cancellationToken);
        return [.. candidates
            .Select(candidate => (candidate, score: DuplicateScorer.Score(subject, candidate.ToMatchSubject())))
            .Where(scored => scored.score.Score >= DuplicateScorer.Threshold)
            .OrderByDescending(scored => scored.score.Score)
            .ThenBy(scored => scored.candidate.RegisteredAt)
            .Take(CandidatesToReturn)
            .Select(scored => new FoundDuplicate(scored.candidate.ClientId, scored.score.Score, scored.score.MatchedOn,
                scored.candidate.GivenName, scored.candidate.FamilyName, scored.candidate.DateOfBirth, scored.candidate.Office))];
    }
}
