using Integration.Intake.Clients.Matching;

namespace Integration.Intake.Clients.Registering;

public sealed record DuplicateCandidate(
    Guid ClientId, double Score, IReadOnlyList<string> MatchedOn, string GivenName, string FamilyName, DateOnly DateOfBirth, string? Office);

/// <summary>Finds possible duplicates: candidates by index keys, then scored and ranked.</summary>
public sealed class DuplicateFinder(ClientIndex index)
{
    private const int CandidatesToScore = 200;
    private const int CandidatesToReturn = 10;

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(MatchSubject subject, CancellationToken cancellationToken)
    {
        var candidates = await index.CandidatesAsync(MatchKeys.ForDuplicateCheck(subject), CandidatesToScore, cancellationToken);
        return [.. candidates
            .Select(candidate => (candidate, score: DuplicateScorer.Score(subject, candidate.ToMatchSubject())))
            .Where(scored => scored.score.Score >= DuplicateScorer.Threshold)
            .OrderByDescending(scored => scored.score.Score)
            .ThenBy(scored => scored.candidate.RegisteredAt)
            .Take(CandidatesToReturn)
            .Select(scored => new DuplicateCandidate(scored.candidate.ClientId, scored.score.Score, scored.score.MatchedOn,
                scored.candidate.GivenName, scored.candidate.FamilyName, scored.candidate.DateOfBirth, scored.candidate.Office))];
    }
}
