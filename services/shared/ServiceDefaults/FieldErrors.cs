using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.ServiceDefaults;

/// <summary>Collects field → messages for a 400 <c>validation_failed</c> problem (api.md).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public void RequireText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "This field is required.");
        }
        else
        {
            OptionalText(field, value, maxLength);
        }
    }

    public void OptionalText(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        if (value.Any(char.IsControl))
        {
            Add(field, "Control characters are not allowed.");
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal);

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(ToDictionary(), title: "One or more fields are not valid.");
}
