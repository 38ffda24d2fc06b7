using System.Globalization;
using Integration.Intake.Clients.Matching;
using Integration.Vocabulary;
using Xunit.Abstractions;

namespace Integration.Intake.Tests.Matching;

/// <summary>
/// Precision and recall of duplicate detection on labelled pairs of real-world spelling variants (true
/// duplicates) and near-misses of different people. A pair counts as detected only if the index keys
/// would find the stored record (blocking) and the score reaches the threshold. Three sets:
/// <c>duplicate-pairs.tsv</c>, which the weights, rules and name table are tuned on (every pair is
/// printed); <c>duplicate-pairs-heldout.tsv</c> and <c>duplicate-pairs-heldout-2.tsv</c>, each written
/// by someone who saw neither the matcher nor the other sets, of which only the totals are printed, so
/// that a figure on them says how the matcher does on spellings it was not fitted to.
/// </summary>
public sealed class DuplicateDetectionQualityTests(ITestOutputHelper output)
{
    /// <summary>The target on every set is recall and precision of 0.95 (issue 16).</summary>
    [Theory]
    [InlineData("duplicate-pairs.tsv", "tuning", 75, 0.95, 0.95)]
    [InlineData("duplicate-pairs-heldout.tsv", "held-out", 120, 0.95, 0.95)]
    [InlineData("duplicate-pairs-heldout-2.tsv", "held-out 2", 150, 0.95, 0.95)]
    public void duplicate_detection_reaches_the_recall_and_precision_required(string file, string set, int minimumPairs,
        double requiredRecall, double requiredPrecision)
    {
        var pairs = LabelledPair.Load(file);
        Assert.True(pairs.Count >= minimumPairs, $"the {set} set must have at least {minimumPairs} pairs, has {pairs.Count}");

        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        foreach (var pair in pairs)
        {
            var detected = Detected(pair.Registration, pair.Stored, out var score);
            var verdict = (pair.Same, detected) switch
            {
                (true, false) => "MISSED",
                (false, true) => "FALSE ALARM",
                _ => "",
            };
            if (set == "tuning")
            {
                output.WriteLine($"{(pair.Same ? "same" : "diff"),-4} {(detected ? "FLAG" : "    ")} {score.Score:0.000} " +
                    $"{pair.Registration.GivenName} | {pair.Registration.FamilyName} ~ {pair.Stored.GivenName} | {pair.Stored.FamilyName}: {pair.Note} [{string.Join(", ", score.MatchedOn)}] {verdict}");
            }
            switch (pair.Same, detected)
            {
                case (true, true): truePositives++; break;
                case (false, true): falsePositives++; break;
                case (true, false): falseNegatives++; break;
            }
        }

        var recall = (double)truePositives / (truePositives + falseNegatives);
        var precision = truePositives + falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Duplicate detection on the {set} set: precision {precision:0.000}, recall {recall:0.000} on {pairs.Count} labelled pairs " +
            $"({truePositives + falseNegatives} duplicates, {pairs.Count - truePositives - falseNegatives} near-misses; threshold {DuplicateScorer.Threshold})"));
        Assert.True(recall >= requiredRecall, $"recall {recall:0.000} on the {set} set is below {requiredRecall}");
        Assert.True(precision >= requiredPrecision, $"precision {precision:0.000} on the {set} set is below {requiredPrecision}");
    }

    /// <summary>Blocking alone, on every set: a true duplicate the index would not hand to the scorer is missed whatever the score.</summary>
    [Theory]
    [InlineData("duplicate-pairs.tsv", "tuning")]
    [InlineData("duplicate-pairs-heldout.tsv", "held-out")]
    [InlineData("duplicate-pairs-heldout-2.tsv", "held-out 2")]
    public void every_true_duplicate_shares_an_index_key_with_its_stored_record(string file, string set)
    {
        var missed = LabelledPair.Load(file).Where(pair => pair.Same)
            .Where(pair => !MatchKeys.ForDuplicateCheck(pair.Registration).Intersect(MatchKeys.ForStoredClient(pair.Stored)).Any())
            .Select(pair => pair.Note)
            .ToList();

        // The held-out pairs are never shown, so that reading a failure cannot tune the matcher to them.
        Assert.True(missed.Count == 0, set == "tuning"
            ? $"not found by the index: {string.Join("; ", missed)}"
            : $"{missed.Count} duplicates of the {set} set not found by the index");
    }

    private static bool Detected(MatchSubject registration, MatchSubject stored, out MatchScore score)
    {
        score = DuplicateScorer.Score(registration, stored);
        var found = MatchKeys.ForDuplicateCheck(registration).Intersect(MatchKeys.ForStoredClient(stored)).Any();
        return found && score.Score >= DuplicateScorer.Threshold;
    }

    private sealed record LabelledPair(bool Same, MatchSubject Registration, MatchSubject Stored, string Note)
    {
        public static List<LabelledPair> Load(string file) =>
            File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Matching", file))
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
