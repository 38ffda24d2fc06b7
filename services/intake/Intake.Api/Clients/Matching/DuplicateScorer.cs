using System.Globalization;

namespace Integration.Intake.Clients.Matching;

/// <summary>What is compared between a registration and a known client.</summary>
public sealed record MatchSubject(
    string GivenName,
    string FamilyName,
    IReadOnlyList<string> OtherNames,
    DateOnly? DateOfBirth,
    bool DateOfBirthIsApproximate,
    IReadOnlyList<string> Nationalities,
    Integration.Vocabulary.Sex Sex = Integration.Vocabulary.Sex.Unknown);

public sealed record MatchScore(double Score, IReadOnlyList<string> MatchedOn);

/// <summary>
/// How likely two records are one person, Fellegi–Sunter style: each comparison (given name, family
/// name, date of birth, nationality, sex) lands on a level, and each level adds the log-odds
/// log2(m/u): m, how often one person's two records agree that way; u, how often two people's do.
/// Agreeing on a name weighs by how common it is (term frequency, <see cref="NameVariants"/>): two
/// records that share "Mohammed" prove less than two that share "Tesfamariam".
/// <para>
/// Two disagreements end the question whatever the rest: a given or family name that is a different
/// name (Jamal and Jamil, Amina and Amira: siblings and twins share everything else) and two exact
/// dates of birth that no typing slip explains (a father and son of one name).
/// </para>
/// The log-odds become the probability <see cref="MatchScore.Score"/>; a candidate is a possible
/// duplicate at <see cref="Threshold"/> or above. The labelled sets in the tests fix the figures.
/// </summary>
internal static class DuplicateScorer
{
    public const double Threshold = 0.80;

    /// <summary>The log-odds of one person before any comparison, for a record that shares a name key and birth year.</summary>
    private const double Prior = -10.5;

    /// <summary>What a score is held under when a name or the date of birth disagrees outright.</summary>
    private const double DisagreementCeiling = 0.3;

    private const double SwappedNames = -1;

    public static MatchScore Score(MatchSubject query, MatchSubject candidate)
    {
        var matchedOn = new List<string>();
        var names = NameComparison.Compare(query, candidate);
        matchedOn.AddRange(names.MatchedOn);
        var birth = BirthComparison(query, candidate);
        if (birth.Matched is { } birthMatch)
        {
            matchedOn.Add(birthMatch);
        }

        var weight = Prior + names.Weight + birth.Weight + Nationality(query.Nationalities, candidate.Nationalities, matchedOn)
            + Sex(query.Sex, candidate.Sex, matchedOn);
        var probability = 1 / (1 + Math.Pow(2, -weight));
        if (names.Disagree || birth.Disagree || (matchedOn.Contains("different_sex") && !names.MatchedOn.Any(reason => reason is "name" or "name_variant")))
        {
            probability = Math.Min(probability, DisagreementCeiling);
        }

        return new MatchScore(Math.Round(probability, 3), matchedOn);
    }

    /// <summary>
    /// Whether a searched name (one line, no fields) is the candidate's name, in any spelling the matcher
    /// knows: some split of the words into given and family names agrees with the candidate's whole name
    /// (<c>name</c> or <c>name_variant</c>). What matched, or null. Weaker likenesses are not enough to
    /// point a desk at another office.
    /// </summary>
    public static IReadOnlyList<string>? SameName(string text, MatchSubject candidate)
    {
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var given = 1; given < words.Length; given++)
        {
            var query = new MatchSubject(string.Join(' ', words[..given]), string.Join(' ', words[given..]), [], candidate.DateOfBirth,
                candidate.DateOfBirthIsApproximate, []);
            var (_, matchedOn, disagree) = NameComparison.Compare(query, candidate);
            if (!disagree && matchedOn.Count > 0 && matchedOn[0] is "name" or "name_variant")
            {
                return matchedOn;
            }
        }

        return null;
    }

    private static double Evidence(double m, double u) => Math.Log2(m / u);

    private static (double Weight, string? Matched, bool Disagree) BirthComparison(MatchSubject query, MatchSubject candidate)
    {
        if (query.DateOfBirth is not { } a || candidate.DateOfBirth is not { } b)
        {
            return (0, null, false);
        }

        // m and u are read among pairs whose dates are of the same kind: two exact dates agree to the day for
        // most of one person's records, while an estimated one (1 January of a guessed year) agrees on the year at best.
        if (a == b)
        {
            return (Evidence(0.85, 1.0 / 10_000), "date_of_birth", false);
        }

        if (a.Year == b.Year && a.Day == b.Month && a.Month == b.Day)
        {
            return (Evidence(0.03, 1.0 / 10_000), "date_of_birth_day_and_month_swapped", false);
        }

        var approximate = query.DateOfBirthIsApproximate || candidate.DateOfBirthIsApproximate;
        var years = Math.Abs(a.Year - b.Year);
        if (approximate && years == 0)
        {
            return (Evidence(0.60, 1.0 / 30), "birth_year", false);
        }

        if (approximate && years <= MatchKeys.ApproximateYears)
        {
            return (Evidence(0.35, 4.0 / 30), "birth_year_close", false);
        }

        if (a.Year == b.Year && ((a.Month == b.Month && SlipOfTheKeys(a.Day, b.Day)) || (a.Day == b.Day && SlipOfTheKeys(a.Month, b.Month))))
        {
            // About ten days of a year are one slip away from a given day (or one of a few months from a month).
            return (Evidence(0.03, 1.0 / 30 * 10 / 365), "date_of_birth_one_digit_apart", false);
        }

        if (a.Month == b.Month && a.Day == b.Day && YearDigitsTransposed(a.Year, b.Year))
        {
            // 1978 / 1987: of the years a client may be born in, about one other is a transposition away.
            return (Evidence(0.01, 1.0 / 60), "birth_year_digits_transposed", false);
        }

        return (Evidence(0.05, 0.98), null, true);
    }

    /// <summary>The last two digits of the year written the other way round (1978 / 1987).</summary>
    public static bool YearDigitsTransposed(int first, int second) =>
        first != second && first / 100 == second / 100 && first % 10 == second / 10 % 10 && first / 10 % 10 == second % 10;

    /// <summary>Two-digit numbers one key apart: one digit mistyped (12 / 13) or the two digits transposed (12 / 21).</summary>
    private static bool SlipOfTheKeys(int first, int second)
    {
        var a = first.ToString("00", CultureInfo.InvariantCulture);
        var b = second.ToString("00", CultureInfo.InvariantCulture);
        return (a[0] == b[0]) != (a[1] == b[1]) || (a[0] == b[1] && a[1] == b[0]);
    }

    private static double Nationality(IReadOnlyList<string> a, IReadOnlyList<string> b, List<string> matchedOn)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        if (a.Intersect(b, StringComparer.OrdinalIgnoreCase).Any())
        {
            matchedOn.Add("nationality");
            return Evidence(0.90, 0.15);
        }

        return Evidence(0.10, 0.85);
    }

    /// <summary>
    /// Oleksandr / Oleksandra, Samir / Samira: twins and siblings share everything else, so a known, different sex weighs
    /// against, and with names that are only alike (Luis / Luisa, a male and a female form) it rules the pair out.
    /// </summary>
    private static double Sex(Integration.Vocabulary.Sex a, Integration.Vocabulary.Sex b, List<string> matchedOn)
    {
        if (a is not (Integration.Vocabulary.Sex.Female or Integration.Vocabulary.Sex.Male) || b is not (Integration.Vocabulary.Sex.Female or Integration.Vocabulary.Sex.Male))
        {
            return 0;
        }

        if (a == b)
        {
            return Evidence(0.97, 0.5);
        }

        matchedOn.Add("different_sex");
        return Evidence(0.03, 0.5);
    }

    /// <summary>
    /// The names of two records, compared part by part (given with given, family with family, or
    /// crosswise when a desk swapped them; other names stand in for either part) and as a whole, so
    /// that a compound name split differently between the two fields ("Maria José | Ortiz",
    /// "Maria | José Ortiz") or written joined, hyphenated or apart ("Abdul Karim", "Abdul-Karim",
    /// "Abdulkarim") agrees.
    /// </summary>
    private static class NameComparison
    {
        public static (double Weight, IReadOnlyList<string> MatchedOn, bool Disagree) Compare(MatchSubject query, MatchSubject candidate)
        {
            var whole = Whole(query, swapped: false);
            var wholeStraight = whole == Whole(candidate, swapped: false);
            if (wholeStraight || whole == Whole(candidate, swapped: true))
            {
                var (candidateGiven, candidateFamily) = wholeStraight ? (candidate.GivenName, candidate.FamilyName) : (candidate.FamilyName, candidate.GivenName);
                var level = Joined(query.GivenName) + Joined(query.FamilyName) == Joined(candidateGiven) + Joined(candidateFamily) ? Level.Exact : Level.Variant;
                var reasons = new List<string> { level == Level.Exact ? "name" : "name_variant" };
                if (!wholeStraight)
                {
                    reasons.Add("given_and_family_names_swapped");
                }

                if (Canonical(query.GivenName) != Canonical(candidateGiven))
                {
                    reasons.Add("name_split_differently");
                }

                return (NameWeight(level, Frequency(query.GivenName)) + NameWeight(level, Frequency(query.FamilyName)) + (wholeStraight ? 0 : SwappedNames),
                    reasons, false);
            }

            if (Included(query, candidate) is { } shared)
            {
                return (NameWeight(Level.Partial, shared), ["name_part_missing"], false);
            }

            var straight = Orientation(query, candidate.GivenName, candidate.FamilyName, candidate.OtherNames);
            var crosswise = Orientation(query, candidate.FamilyName, candidate.GivenName, candidate.OtherNames);
            if (straight.Disagree && crosswise.Disagree)
            {
                return (straight.Weight, ["similar_name"], true);
            }

            var swapped = straight.Disagree || (!crosswise.Disagree && crosswise.Weight + SwappedNames > straight.Weight);
            var best = swapped ? crosswise : straight;
            var named = best.Worst switch
            {
                Level.Exact => "name",
                Level.Variant => "name_variant",
                Level.Phonetic => "name_sounds_alike",
                Level.Partial => "name_part_missing",
                _ => "similar_name",
            };
            return (best.Weight + (swapped ? SwappedNames : 0), swapped ? [named, "given_and_family_names_swapped"] : [named], false);
        }

        /// <summary>
        /// Every name of the shorter record is a name of the longer one, wherever the fields put them
        /// ("Ana | Rodríguez" in "Ana Lucía | Rodríguez Vargas"; a father's name added in one office):
        /// the shared names' frequency, or null. Two names at least, so a lone given name proves nothing.
        /// </summary>
        private static double? Included(MatchSubject query, MatchSubject candidate)
        {
            var a = Meaningful(query.GivenName).Concat(Meaningful(query.FamilyName)).ToList();
            var b = Meaningful(candidate.GivenName).Concat(Meaningful(candidate.FamilyName)).ToList();
            var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
            if (shorter.Count < 2 || shorter.Count == longer.Count)
            {
                return null;
            }

            var unmatched = longer.ToList();
            foreach (var token in shorter)
            {
                var match = unmatched.FindIndex(other => Forms(token, other) <= Level.Variant);
                if (match < 0)
                {
                    return null;
                }

                unmatched.RemoveAt(match);
            }

            return Math.Max(1e-6, shorter.Aggregate(1.0, (product, token) => product * NameVariants.Frequency(token)));
        }

        private static (double Weight, Level Worst, bool Disagree) Orientation(MatchSubject query, string given, string family, IReadOnlyList<string> otherNames)
        {
            var (givenLevel, givenFrequency) = Best([query.GivenName, .. query.OtherNames], [given, .. otherNames]);
            var (familyLevel, familyFrequency) = Best([query.FamilyName, .. query.OtherNames], [family, .. otherNames]);
            var disagree = givenLevel == Level.Different || familyLevel == Level.Different;
            return (NameWeight(givenLevel, givenFrequency) + NameWeight(familyLevel, familyFrequency), (Level)Math.Max((int)givenLevel, (int)familyLevel), disagree);
        }

        private static (Level Level, double Frequency) Best(IReadOnlyList<string> parts, IReadOnlyList<string> candidates)
        {
            var best = (Level: Level.Different, Frequency: 1.0);
            foreach (var part in parts)
            {
                foreach (var candidate in candidates)
                {
                    var compared = Part(part, candidate);
                    if (compared.Level < best.Level || (compared.Level == best.Level && compared.Frequency < best.Frequency))
                    {
                        best = compared;
                    }
                }
            }

            return best;
        }

        /// <summary>
        /// One name part against another: as written joined (with and without particles and an
        /// attached article), and token by token when both have as many tokens ("Mohammed Amin" /
        /// "Mohamed Amin": the weaker token decides).
        /// </summary>
        private static (Level Level, double Frequency) Part(string a, string b)
        {
            var best = (Level: Level.Different, Frequency: 1.0);
            foreach (var formA in NameFolding.PartForms(a))
            {
                foreach (var formB in NameFolding.PartForms(b))
                {
                    var level = Forms(formA, formB);
                    if (level < best.Level)
                    {
                        best = (level, Frequency(a));
                    }
                }
            }

            var tokensA = Meaningful(a);
            var tokensB = Meaningful(b);
            if (tokensA.Count > 1 && tokensA.Count == tokensB.Count)
            {
                var aligned = (Level)tokensA.Zip(tokensB, (x, y) => (int)Forms(x, y)).Max();
                if (aligned < best.Level)
                {
                    best = (aligned, Frequency(a));
                }
            }

            // Two family names written in the other order (Gutiérrez Ríos / Ríos Gutiérrez).
            if (tokensA.Count > 1 && tokensA.Count == tokensB.Count && best.Level > Level.Variant
                && tokensA.Select(NameVariants.Canonical).Order(StringComparer.Ordinal).SequenceEqual(tokensB.Select(NameVariants.Canonical).Order(StringComparer.Ordinal)))
            {
                best = (Level.Variant, Frequency(a));
            }

            // A second given name or a second family name written on one record only: every name of the shorter is in the longer.
            var (shorter, longer) = tokensA.Count <= tokensB.Count ? (tokensA, tokensB) : (tokensB, tokensA);
            if (best.Level == Level.Different && shorter.Count > 0 && shorter.Count < longer.Count
                && shorter.All(token => longer.Any(other => Forms(token, other) <= Level.Variant)))
            {
                best = (Level.Partial, Frequency(string.Join(' ', shorter)));
            }

            return best;
        }

        /// <summary>
        /// Two folded forms: the same spelling, two spellings of one name in the table, two names the
        /// table knows apart (different, however alike they look), or for names it does not know, the
        /// same consonant skeleton or a typing slip.
        /// </summary>
        private static Level Forms(string a, string b)
        {
            if (a == b)
            {
                return Level.Exact;
            }

            if (NameVariants.Of(a) is { } nameA && NameVariants.Of(b) is { } nameB)
            {
                return nameA.Canonical == nameB.Canonical ? Level.Variant : Level.Different;
            }

            if (PhoneticKey.Alike(a, b))
            {
                return Level.Phonetic;
            }

            if (NameFolding.CompoundParts(a) is { } partsA && NameFolding.CompoundParts(b) is { } partsB)
            {
                var level = (Level)Math.Max((int)Forms(partsA.Head, partsB.Head), (int)Forms(partsA.Tail, partsB.Tail));
                if (level <= Level.Phonetic)
                {
                    return Level.Phonetic;
                }
            }

            return Math.Min(a.Length, b.Length) >= 5 && StringSimilarity.Levenshtein(a, b) >= 0.8 ? Level.Typo : Level.Different;
        }

        /// <summary>Both parts in one string of canonical spellings, particles dropped: "Abdul-Karim | Haddad" and "Abdul | Karim Haddad" are one whole.</summary>
        private static string Whole(MatchSubject subject, bool swapped) =>
            string.Concat((swapped ? [subject.FamilyName, subject.GivenName] : new[] { subject.GivenName, subject.FamilyName })
                .SelectMany(Meaningful).Select(NameVariants.Canonical));

        private static string Joined(string part) => string.Concat(Meaningful(part));

        private static string Canonical(string part) => string.Concat(Meaningful(part).Select(NameVariants.Canonical));

        private static List<string> Meaningful(string part) => [.. NameFolding.Tokens(part).Where(token => !NameFolding.IsParticle(token))];

        /// <summary>How common a whole part is: the product of its tokens' shares, never below one in a million.</summary>
        private static double Frequency(string part) =>
            Math.Max(1e-6, Meaningful(part).Aggregate(1.0, (product, token) => product * NameVariants.Frequency(token)));

        private static double NameWeight(Level level, double frequency) => level switch
        {
            Level.Exact => Evidence(0.75, frequency),
            Level.Variant => Evidence(0.15, frequency),
            Level.Phonetic => Evidence(0.05, 0.01),
            Level.Typo => Evidence(0.03, 0.01),
            Level.Partial => Evidence(0.08, frequency),
            _ => Evidence(0.03, 0.97),
        };
    }

    private enum Level { Exact, Variant, Phonetic, Typo, Partial, Different }
}
