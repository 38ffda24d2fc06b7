using System.Text.Json;

namespace Integration.Vocabulary;

/// <summary>Vocabulary values as the API writes them: snake_case (<c>mental_health</c>, <c>legal_status</c>).</summary>
public static class VocabularyNames
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => NameOfValue(value);

    /// <summary>The snake_case name of a value whose vocabulary is known only at run time (a document's words for any vocabulary).</summary>
    public static string NameOfValue(Enum value)
    {
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
    }

    /// <summary>Parses a snake_case value; names only, never numbers.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Every value of the vocabulary, for error messages.</summary>
    public static string List<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Name));
}
