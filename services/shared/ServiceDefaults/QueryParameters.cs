using Integration.Vocabulary;

namespace Integration.ServiceDefaults;

public static class QueryParameters
{
    /// <summary>An optional snake_case vocabulary value from the query string; anything else is a field error.</summary>
    public static TEnum? Vocabulary<TEnum>(string field, string? value, FieldErrors errors)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (VocabularyNames.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, $"One of: {VocabularyNames.List<TEnum>()}.", FieldErrorCodes.NotOneOf);
        return null;
    }
}
