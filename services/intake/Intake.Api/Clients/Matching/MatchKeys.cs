using System.Globalization;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// The keys that find candidates through one GIN index instead of a scan: phonetic pairs of name
/// tokens in either order ("p:"), a token with the exact date of birth ("d:"), a token with the birth
/// year ("y:", and "ya:" for records whose date is approximate), and single tokens for search ("t:").
/// A possible duplicate shares at least one key with the registration; the scorer then decides.
/// </summary>
public static class MatchKeys
{
    public static IReadOnlyList<string> Skeletons(MatchSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new[] { subject.GivenName, subject.FamilyName }.Concat(subject.OtherNames)
            .SelectMany(NameFolding.PartForms)
            .Concat(new[] { subject.GivenName, subject.FamilyName }.Concat(subject.OtherNames).SelectMany(NameFolding.SearchTokens))
            .Select(PhoneticKey.Of)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What a stored client is indexed under.</summary>
    public static IReadOnlyList<string> ForStoredClient(MatchSubject subject)
    {
        var skeletons = Skeletons(subject);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        keys.UnionWith(PairKeys(skeletons));
        keys.UnionWith(skeletons.Select(skeleton => $"t:{skeleton}"));
        if (subject.DateOfBirth is { } born)
        {
            keys.UnionWith(skeletons.Select(skeleton => $"d:{skeleton}:{Day(born)}"));
            keys.UnionWith(skeletons.Select(skeleton => $"y:{skeleton}:{born.Year}"));
            if (subject.DateOfBirthIsApproximate)
            {
                keys.UnionWith(skeletons.Select(skeleton => $"ya:{skeleton}:{born.Year}"));
            }
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>What a duplicate check looks up: the same pairs, the date and its day/month swap, nearby years of approximate records.</summary>
    public static IReadOnlyList<string> ForDuplicateCheck(MatchSubject subject)
    {
        var skeletons = Skeletons(subject);
        var keys = new HashSet<string>(PairKeys(skeletons), StringComparer.Ordinal);
        if (subject.DateOfBirth is { } born)
        {
            var dates = new List<DateOnly> { born };
            if (born.Day <= 12 && born.Day != born.Month)
            {
                dates.Add(new DateOnly(born.Year, born.Day, Math.Min(born.Month, DateTime.DaysInMonth(born.Year, born.Day))));
            }

            foreach (var skeleton in skeletons)
            {
                keys.UnionWith(dates.Select(date => $"d:{skeleton}:{Day(date)}"));
                for (var year = born.Year - 2; year <= born.Year + 2; year++)
                {
                    keys.Add($"ya:{skeleton}:{year}");
                    if (subject.DateOfBirthIsApproximate)
                    {
                        keys.Add($"y:{skeleton}:{year}");
                    }
                }
            }
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every query token must be found: "t:" keys for each token of a free-text search.</summary>
    public static IReadOnlyList<string> ForSearch(string text) =>
        [.. NameFolding.Tokens(text).Where(token => !NameFolding.IsParticle(token)).Select(token => $"t:{PhoneticKey.Of(token)}").Distinct()];

    private static IEnumerable<string> PairKeys(IReadOnlyList<string> skeletons)
    {
        for (var i = 0; i < skeletons.Count; i++)
        {
            for (var j = i + 1; j < skeletons.Count; j++)
            {
                var (first, second) = string.CompareOrdinal(skeletons[i], skeletons[j]) <= 0
                    ? (skeletons[i], skeletons[j])
                    : (skeletons[j], skeletons[i]);
                yield return $"p:{first}|{second}";
            }
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
