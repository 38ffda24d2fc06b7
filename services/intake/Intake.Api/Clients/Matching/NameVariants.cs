using System.Globalization;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// Which folded name tokens are spellings of one name, and how common each name is among clients
/// (<c>name-variants.tsv</c>, one name per line: its share of clients, then its spellings, the
/// canonical first). "Mohammed", "Muhammad" and "Mohamed" are one name; "Jamal" and "Jamil", which
/// share a consonant skeleton, are two. A name missing from the table is taken as rare.
/// </summary>
internal static class NameVariants
{
    /// <summary>The share of clients bearing a name the table does not know: most such names are rare family names.</summary>
    public const double UnknownFrequency = 0.0005;

    private static readonly Dictionary<string, Name> Names = Load();

    /// <summary>A name of the table: its canonical spelling and the share of clients who bear it.</summary>
    public sealed record Name(string Canonical, double Frequency);

    /// <summary>The name a folded token is a spelling of, or null when the table does not know it.</summary>
    public static Name? Of(string foldedToken) => Names.GetValueOrDefault(foldedToken);

    /// <summary>The canonical spelling of a known name, else the token itself.</summary>
    public static string Canonical(string foldedToken) => Of(foldedToken)?.Canonical ?? foldedToken;

    /// <summary>How common the name is: the table's share, or <see cref="UnknownFrequency"/>.</summary>
    public static double Frequency(string foldedToken) => Of(foldedToken)?.Frequency ?? UnknownFrequency;

    public static int Count => Names.Count;

    private static Dictionary<string, Name> Load()
    {
        using var stream = typeof(NameVariants).Assembly.GetManifestResourceStream("name-variants.tsv")
            ?? throw new InvalidOperationException("The name-variants.tsv resource is missing from the intake assembly.");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<string, Name>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.Split('\t');
            var spellings = columns[1].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(NameFolding.Fold).Where(spelling => spelling.Length > 0).ToList();
            var name = new Name(spellings[0], double.Parse(columns[0], CultureInfo.InvariantCulture));
            foreach (var spelling in spellings)
            {
                names.TryAdd(spelling, name);
            }
        }

        return names;
    }
}
