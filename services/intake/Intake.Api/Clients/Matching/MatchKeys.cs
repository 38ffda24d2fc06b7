using System.Globalization;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// The keys that find candidates through one GIN index instead of a scan. A possible duplicate
/// always has a date of birth within two years (otherwise the date adds nothing and the score stays
/// below the threshold), so every key carries the birth year or date: phonetic pairs of name tokens
/// in either order with the year ("p:", and "pa:" for records whose date is approximate; the whole
/// name's skeleton counts as one more pair), and a
/// single token with the exact date ("d:") for a name with a typo, and for records whose date is approximate, pairs of the
/// skeletons' first three consonants with the year ("pp:"), for a typo late in a name. Single tokens ("t:") and pairs of
/// tokens without the year ("tp:") serve search.
/// A duplicate check shares at least one key with the record it finds; the scorer then decides.
/// </summary>
internal static class MatchKeys
{
    /// <summary>
    /// The way keys are derived, stored with each row: raise it whenever the keys, the folding or the
    /// name table change, and <see cref="MatchKeysRefresh"/> re-keys the rows written before.
    /// </summary>
    public const int Version = 5;

    /// <summary>How far apart two birth years may be when one of them is an estimate.</summary>
    public const int ApproximateYears = 2;

    /// <summary>
    /// The consonant skeletons of every form of every name part, and of the canonical spelling of each
    /// form the name table knows, so that "Jewgeni" and "Yevhen" share a key even where their
    /// skeletons differ.
    /// </summary>
    public static IReadOnlyList<string> Skeletons(MatchSubject subject)
    {
        var parts = new[] { subject.GivenName, subject.FamilyName }.Concat(subject.OtherNames).ToList();
        var forms = parts.SelectMany(NameFolding.PartForms).Concat(parts.SelectMany(NameFolding.SearchTokens)).ToList();
        return forms.Select(PhoneticKey.Of)
            .Concat(forms.Select(NameVariants.Canonical).Select(PhoneticKey.Of))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The skeleton of the whole name in canonical spellings, given then family (and the other way
    /// round): a compound split differently between the two fields, or joined on one side and apart on
    /// the other, has one whole.
    /// </summary>
    private static IEnumerable<string> Wholes(MatchSubject subject, bool bothOrders)
    {
        string Whole(params string[] parts) => "=" + PhoneticKey.Of(string.Concat(parts
            .SelectMany(NameFolding.Tokens).Where(token => !NameFolding.IsParticle(token)).Select(NameVariants.Canonical)));

        yield return Whole(subject.GivenName, subject.FamilyName);
        if (bothOrders)
        {
            yield return Whole(subject.FamilyName, subject.GivenName);
        }
    }

    /// <summary>What a stored client is indexed under.</summary>
    public static IReadOnlyList<string> ForStoredClient(MatchSubject subject)
    {
        var skeletons = Skeletons(subject);
        var keys = new HashSet<string>(skeletons.Select(skeleton => $"t:{skeleton}"), StringComparer.Ordinal);
        keys.UnionWith(Pairs(skeletons).Select(pair => $"tp:{pair}"));
        if (subject.DateOfBirth is { } born)
        {
            var pairs = Pairs(skeletons).Concat(Wholes(subject, bothOrders: false)).ToList();
            keys.UnionWith(pairs.Select(pair => $"p:{pair}:{born.Year}"));
            if (subject.DateOfBirthIsApproximate)
            {
                keys.UnionWith(pairs.Select(pair => $"pa:{pair}:{born.Year}"));
                keys.UnionWith(Pairs(Prefixes(skeletons)).Select(pair => $"pp:{pair}:{born.Year}"));
            }
            else
            {
                keys.UnionWith(skeletons.Select(skeleton => $"d:{skeleton}:{Day(born)}"));
            }
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// What a duplicate check looks up. An exact date: the same year's pairs, nearby years of
    /// approximate records, and each token with the date, its day/month swap or the year's last two
    /// digits transposed. An approximate
    /// date: every record's pairs within two years.
    /// </summary>
    public static IReadOnlyList<string> ForDuplicateCheck(MatchSubject subject)
    {
        var skeletons = Skeletons(subject);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (subject.DateOfBirth is not { } born)
        {
            return [];
        }

        var pairs = Pairs(skeletons).Concat(Wholes(subject, bothOrders: true)).ToList();
        var nearbyYears = Enumerable.Range(born.Year - ApproximateYears, 2 * ApproximateYears + 1).ToList();
        keys.UnionWith(Pairs(Prefixes(skeletons)).SelectMany(pair => nearbyYears.Select(year => $"pp:{pair}:{year}")));
        if (subject.DateOfBirthIsApproximate)
        {
            keys.UnionWith(pairs.SelectMany(pair => nearbyYears.Select(year => $"p:{pair}:{year}")));
        }
        else
        {
            keys.UnionWith(pairs.Select(pair => $"p:{pair}:{born.Year}"));
            keys.UnionWith(pairs.SelectMany(pair => nearbyYears.Select(year => $"pa:{pair}:{year}")));
            var dates = new List<DateOnly> { born };
            if (born.Day <= 12 && born.Day != born.Month)
            {
                dates.Add(new DateOnly(born.Year, born.Day, Math.Min(born.Month, DateTime.DaysInMonth(born.Year, born.Day))));
            }

            var transposedYear = born.Year / 100 * 100 + born.Year % 10 * 10 + born.Year / 10 % 10;
            if (DuplicateScorer.YearDigitsTransposed(born.Year, transposedYear) && !(born.Month == 2 && born.Day == 29 && !DateTime.IsLeapYear(transposedYear)))
            {
                dates.Add(new DateOnly(transposedYear, born.Month, born.Day));
            }

            keys.UnionWith(skeletons.SelectMany(skeleton => dates.Select(date => $"d:{skeleton}:{Day(date)}")));
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every query token must be found. Two tokens or more are looked up as pairs ("tp:"), which a
    /// common name shares with far fewer records than each of its tokens alone ("Mohammed" is one
    /// client in six; "Mohammed Hassan" one in a hundred), so the index hands back a short list instead
    /// of intersecting two long ones; a single token is looked up alone ("t:").
    /// </summary>
    public static IReadOnlyList<string> ForSearch(string text)
    {
        var skeletons = NameFolding.Tokens(text).Where(token => !NameFolding.IsParticle(token))
            .Select(token => PhoneticKey.Of(NameVariants.Canonical(token))).Distinct(StringComparer.Ordinal).ToList();
        return skeletons.Count == 1 ? [$"t:{skeletons[0]}"] : [.. Pairs(skeletons).Select(pair => $"tp:{pair}")];
    }

    /// <summary>
    /// The first consonants of each skeleton: a record with an estimated birth date has no exact date to pair a
    /// single name with, so a slip late in a name (Warsame / Warsane) is found by the pair of the names' beginnings.
    /// </summary>
    private static List<string> Prefixes(IReadOnlyList<string> skeletons) =>
        [.. skeletons.Select(skeleton => skeleton.Length > PrefixLength ? skeleton[..PrefixLength] : skeleton).Distinct(StringComparer.Ordinal)];

    private const int PrefixLength = 3;

    private static IEnumerable<string> Pairs(IReadOnlyList<string> skeletons)
    {
        for (var i = 0; i < skeletons.Count; i++)
        {
            for (var j = i + 1; j < skeletons.Count; j++)
            {
                var (first, second) = string.CompareOrdinal(skeletons[i], skeletons[j]) <= 0
                    ? (skeletons[i], skeletons[j])
                    : (skeletons[j], skeletons[i]);
                yield return $"{first}|{second}";
            }
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
