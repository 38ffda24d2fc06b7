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
/// Scores how likely two records are the same person: names (each part must match, in either
/// order, allowing transliteration and typos), date of birth (exact, day and month swapped, or an
/// approximate year) and nationality. A candidate is a possible duplicate at
/// <see cref="Threshold"/> or above; the labelled set in the tests fixes the figures.
/// </summary>
public static class DuplicateScorer
{
    public const double Threshold = 0.80;

    private const double NameWeight = 0.65;
    private const double BirthWeight = 0.25;
    private const double NationalityWeight = 0.10;
    private const double SwappedNamesFactor = 0.97;
    private const double DifferentSexFactor = 0.6;
    private const double PhoneticFloor = 0.85;

    public static MatchScore Score(MatchSubject query, MatchSubject candidate)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        var matchedOn = new List<string>();

        var (name, swapped, phonetic) = NameSimilarity(query, candidate);
        matchedOn.Add(name >= 0.97 ? "name" : "similar_name");
        if (phonetic)
        {
            matchedOn.Add("name_sounds_alike");
        }

        if (swapped)
        {
            matchedOn.Add("given_and_family_names_swapped");
        }

        var (birth, birthMatch) = BirthSimilarity(query, candidate);
        if (birthMatch is not null)
        {
            matchedOn.Add(birthMatch);
        }

        var nationality = NationalitySimilarity(query.Nationalities, candidate.Nationalities);
        if (nationality == 1)
        {
            matchedOn.Add("nationality");
        }

        var score = query.DateOfBirth is null || candidate.DateOfBirth is null
            ? (NameWeight * name + NationalityWeight * nationality) / (NameWeight + NationalityWeight) * 0.9
            : NameWeight * name + BirthWeight * birth + NationalityWeight * nationality;
        if (KnownAndDifferent(query.Sex, candidate.Sex))
        {
            // Oleksandr / Oleksandra, Samir / Samira: twins and siblings share everything else.
            score *= DifferentSexFactor;
            matchedOn.Add("different_sex");
        }
        return new MatchScore(Math.Round(score, 3), matchedOn);
    }

    /// <summary>
    /// The weaker of the two name parts decides: the same family name does not make a sibling the
    /// same person. Other names (a kunya, a name from another document) stand in for either part.
    /// </summary>
    private static (double Similarity, bool Swapped, bool Phonetic) NameSimilarity(MatchSubject query, MatchSubject candidate)
    {
        var queryGiven = Alternatives(query.GivenName, query.OtherNames);
        var queryFamily = Alternatives(query.FamilyName, query.OtherNames);
        var candidateGiven = Alternatives(candidate.GivenName, candidate.OtherNames);
        var candidateFamily = Alternatives(candidate.FamilyName, candidate.OtherNames);

        var (given, givenPhonetic) = Best(queryGiven, candidateGiven);
        var (family, familyPhonetic) = Best(queryFamily, candidateFamily);
        var straight = Math.Min(given, family);

        var (givenAsFamily, phoneticA) = Best(queryGiven, candidateFamily);
        var (familyAsGiven, phoneticB) = Best(queryFamily, candidateGiven);
        var swapped = Math.Min(givenAsFamily, familyAsGiven) * SwappedNamesFactor;

        return swapped > straight
            ? (swapped, true, phoneticA || phoneticB)
            : (straight, false, givenPhonetic || familyPhonetic);
    }

    private static string[] Alternatives(string part, IReadOnlyList<string> otherNames) => [part, .. otherNames];

    private static (double Similarity, bool Phonetic) Best(IEnumerable<string> parts, IReadOnlyList<string> candidates)
    {
        var best = (Similarity: 0.0, Phonetic: false);
        foreach (var part in parts)
        {
            foreach (var candidate in candidates)
            {
                var similarity = PartSimilarity(part, candidate);
                if (similarity.Similarity > best.Similarity)
                {
                    best = similarity;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Identical forms score 1. Forms with the same phonetic skeleton count as transliterations of
    /// one name, at least <see cref="PhoneticFloor"/> however far their vowels are apart. Otherwise spelling
    /// distance decides, squared so that one letter in a short name (Amina / Amira) counts more
    /// than one in a long name (Kovalenko / Kovalemko).
    /// </summary>
    public static (double Similarity, bool Phonetic) PartSimilarity(string a, string b)
    {
        var best = (Similarity: 0.0, Phonetic: false);
        foreach (var formA in NameFolding.PartForms(a))
        {
            foreach (var formB in NameFolding.PartForms(b))
            {
                if (formA == formB)
                {
                    return (1, false);
                }

                var spelling = StringSimilarity.Levenshtein(formA, formB);
                var candidate = PhoneticKey.Of(formA) == PhoneticKey.Of(formB)
                    ? (Similarity: Math.Max(PhoneticFloor, spelling), Phonetic: true)
                    : (Similarity: spelling * spelling, Phonetic: false);
                if (candidate.Similarity > best.Similarity)
                {
                    best = candidate;
                }
            }
        }

        return best;
    }

    private static (double Similarity, string? Matched) BirthSimilarity(MatchSubject query, MatchSubject candidate)
    {
        if (query.DateOfBirth is not { } a || candidate.DateOfBirth is not { } b)
        {
            return (0, null);
        }

        if (a == b)
        {
            return (1, "date_of_birth");
        }

        if (a.Year == b.Year && a.Day == b.Month && a.Month == b.Day)
        {
            return (0.85, "date_of_birth_day_and_month_swapped");
        }

        var approximate = query.DateOfBirthIsApproximate || candidate.DateOfBirthIsApproximate;
        var years = Math.Abs(a.Year - b.Year);
        if (approximate && years == 0)
        {
            return (0.75, "birth_year");
        }

        if (approximate && years <= 2)
        {
            return (0.5, "birth_year_close");
        }

        if (a.Year == b.Year && a.Month == b.Month && OneDigitApart(a.Day, b.Day))
        {
            return (0.6, "date_of_birth_one_digit_apart");
        }

        return (0, null);
    }

    private static bool OneDigitApart(int dayA, int dayB)
    {
        var a = dayA.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        var b = dayB.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        return (a[0] == b[0]) != (a[1] == b[1]) || (a[0] == b[1] && a[1] == b[0]);
    }

    private static bool KnownAndDifferent(Integration.Vocabulary.Sex a, Integration.Vocabulary.Sex b) =>
        a is Integration.Vocabulary.Sex.Female or Integration.Vocabulary.Sex.Male && b is Integration.Vocabulary.Sex.Female or Integration.Vocabulary.Sex.Male && a != b;

    private static double NationalitySimilarity(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0.5 : a.Intersect(b, StringComparer.OrdinalIgnoreCase).Any() ? 1 : 0;
}
