using System.Globalization;
using Integration.Intake.Clients.Matching;
using Integration.Vocabulary;
using Xunit.Abstractions;

namespace Integration.Intake.Tests.Matching;

/// <summary>
/// Precision and recall of duplicate detection on a labelled set of real-world spelling variants
/// (true duplicates) and near-misses of different people. A pair counts as detected only if the
/// index keys would find the stored record (blocking) and the score reaches the threshold.
/// </summary>
public sealed class DuplicateDetectionQualityTests(ITestOutputHelper output)
{
    private const double RequiredRecall = 0.95;
    private const double RequiredPrecision = 0.90;

    [Fact]
    public void duplicate_detection_reaches_the_recall_and_precision_targets_on_the_labelled_set()
    {
        var pairs = LabelledPair.Load();
        Assert.True(pairs.Count >= 60, $"the labelled set must have at least 60 pairs, has {pairs.Count}");

        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        foreach (var pair in pairs)
        {
            var detected = Detected(pair.Registration, pair.Stored, out var score);
            output.WriteLine($"{(pair.Same ? "same" : "diff"),-4} {(detected ? "FLAG" : "    ")} {score.Score:0.000} " +
                $"{pair.Registration.GivenName} {pair.Registration.FamilyName} ~ {pair.Stored.GivenName} {pair.Stored.FamilyName}: {pair.Note} [{string.Join(", ", score.MatchedOn)}]");
            switch (pair.Same, detected)
            {
                case (true, true): truePositives++; break;
                case (false, true): falsePositives++; break;
                case (true, false): falseNegatives++; break;
            }
        }

        var recall = (double)truePositives / (truePositives + falseNegatives);
        var precision = (double)truePositives / (truePositives + falsePositives);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Duplicate detection: precision {precision:0.000}, recall {recall:0.000} on {pairs.Count} labelled pairs " +
            $"({truePositives + falseNegatives} duplicates, {pairs.Count - truePositives - falseNegatives} near-misses; threshold {DuplicateScorer.Threshold})"));
        Assert.True(recall >= RequiredRecall, $"recall {recall:0.000} is below {RequiredRecall}");
        Assert.True(precision >= RequiredPrecision, $"precision {precision:0.000} is below {RequiredPrecision}");
    }

    [Fact]
    public void every_true_duplicate_shares_an_index_key_with_its_stored_record()
    {
        var missed = LabelledPair.Load().Where(pair => pair.Same)
            .Where(pair => !MatchKeys.ForDuplicateCheck(pair.Registration).Intersect(MatchKeys.ForStoredClient(pair.Stored)).Any())
            .Select(pair => pair.Note)
            .ToList();

        Assert.True(missed.Count <= 1, $"not found by the index: {string.Join("; ", missed)}");
    }

    private static bool Detected(MatchSubject registration, MatchSubject stored, out MatchScore score)
    {
        score = DuplicateScorer.Score(registration, stored);
        var found = MatchKeys.ForDuplicateCheck(registration).Intersect(MatchKeys.ForStoredClient(stored)).Any();
        return found && score.Score >= DuplicateScorer.Threshold;
    }

    private sealed record LabelledPair(bool Same, MatchSubject Registration, MatchSubject Stored, string Note)
    {
        public static List<LabelledPair> Load() =>
            File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Matching", "duplicate-pairs.tsv"))
                .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("label", StringComparison.Ordinal))
                .Select(line => line.Split('\t'))
                .Select(f => new LabelledPair(f[0] == "same", Subject(f, 1), Subject(f, 8), f[15]))
                .ToList();

        private static MatchSubject Subject(string[] f, int at) => new(
            f[at], f[at + 1], Split(f[at + 2], ';'),
            DateOnly.ParseExact(f[at + 3], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[at + 4] == "y", Split(f[at + 5], ','),
            f[at + 6] switch { "f" => Sex.Female, "m" => Sex.Male, _ => Sex.Unknown });

        private static string[] Split(string value, char separator) =>
            value.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
