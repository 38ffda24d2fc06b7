using System.Globalization;

namespace Integration.Bench;

/// <summary>
/// Plausible registrations for load: names drawn with the skew of real registers (a few very
/// common given names), dates of birth over seven decades with a share of approximate 1 January dates.
/// </summary>
internal static class Names
{
    private static readonly string[] Given =
    [
        "Mohammed", "Muhammad", "Mohamed", "Ahmed", "Ahmad", "Ali", "Hassan", "Hussein", "Omar", "Yusuf", "Ibrahim", "Abdullah", "Khaled",
        "Mustafa", "Mahmoud", "Abdul", "Amina", "Fatima", "Aisha", "Mariam", "Zainab", "Khadija", "Nour", "Huda", "Layla", "Sara",
        "Oleksandr", "Olena", "Dmytro", "Iryna", "Andrii", "Natalia", "Serhiy", "Tetiana", "Yuliia", "Viktor", "Oksana", "Mykola",
        "Tigist", "Dawit", "Yonas", "Selam", "Tesfaye", "Mulu", "Abdi", "Hodan", "Farah", "Samir", "Rania", "Karim", "Nadia",
        "Farida", "Javad", "Reza", "Maryam", "Parisa", "Hamid", "Jose", "Maria", "Ana", "Luis", "Carlos", "Grace", "Chinedu", "Ngozi",
        "Emeka", "Blessing", "Fatou", "Moussa", "Awa", "Mamadou", "Aminata", "Ousmane", "Imran", "Ayesha", "Bilal", "Sana",
    ];

    private static readonly string[] Family =
    [
        "Al-Hassan", "Hassan", "Hussein", "Ahmed", "Mohamed", "Ali", "Ibrahim", "Osman", "Yusuf", "Abdi", "Farah", "Warsame", "Mahamud",
        "Haddad", "Khalil", "Mansour", "Saleh", "Nasser", "Karimi", "Rahimi", "Ahmadi", "Hosseini", "Mohammadi", "Haidari", "Noori",
        "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Oliynyk", "Lysenko", "Petrenko",
        "Haile", "Tesfaye", "Gebremedhin", "Tekle", "Berhe", "Kidane", "Diallo", "Traore", "Diop", "Ndiaye", "Sow", "Camara",
        "Okafor", "Okoro", "Adeyemi", "Bello", "Musa", "Garcia", "Lopez", "Rodriguez", "Martinez", "Khan", "Chaudhry", "Hussain",
        "Popescu", "Ionescu", "Nguyen", "Tran", "Le", "Pham", "Mendoza", "Flores", "Benali", "El Amrani", "Bakr", "Sultani",
    ];

    private static readonly string[] Countries = ["SY", "UA", "AF", "ER", "SO", "NG", "IQ", "SD", "ET", "GN", "ML", "SN", "PK", "VE", "CO", "MA", "EG", "IR", "RO", "VN"];

    private static readonly string[] Syllables = ["ba", "de", "fi", "ko", "lu", "ma", "ne", "ri", "so", "tu"];

    public static Registration Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var skewed = (int)(Math.Pow(random.NextDouble(), 2) * Given.Length);
        var approximate = random.NextDouble() < 0.15;
        var born = new DateOnly(1945, 1, 1).AddDays(random.Next(365 * 65));
        if (approximate)
        {
            born = new DateOnly(born.Year, 1, 1);
        }

        var given = Given[skewed];
        var family = Family[random.Next(Family.Length)] + (random.NextDouble() < 0.5 ? "" : " " + Family[random.Next(Family.Length)]);
        return new Registration(given, family, born, approximate, Countries[random.Next(Countries.Length)]);
    }

    /// <summary>
    /// A person nobody registered before, as the load tests of the issue counted: a given name and date drawn like
    /// <see cref="Sample"/>, and a family name spelled from <paramref name="number"/> ("Kolubade"), so the
    /// duplicate check finds no one and the registration writes no duplicate pairs. (An extra family name
    /// would not do: "Mohammed Hassan Kolubade" is rightly a possible duplicate of "Mohammed Hassan".)
    /// </summary>
    public static Registration Unique(Random random, long number)
    {
        var sample = Sample(random);
        var spelled = string.Concat(number.ToString(CultureInfo.InvariantCulture).Select(digit => Syllables[digit - '0']));
        return sample with { FamilyName = $"{char.ToUpperInvariant(spelled[0])}{spelled[1..]}" };
    }
}

internal sealed record Registration(string GivenName, string FamilyName, DateOnly DateOfBirth, bool Approximate, string Nationality)
{
    public string Born => DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
