using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.ServiceDefaults;

/// <summary>
/// Collects field → messages for a 400 <c>validation_failed</c> problem (docs/api.md). Each message has
/// a stable code (<see cref="FieldErrorCodes"/>), sent beside the messages as <c>errorCodes</c>
/// (field → codes, in the same order), so a client can say it in its own language; the English
/// message stays for everyone else.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<(string Message, string Code)>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message, string code = FieldErrorCodes.Invalid)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add((message, code));
    }

    /// <summary>The field is missing; <paramref name="message"/> may say what is expected.</summary>
    public void Required(string field, string message = "This field is required.") => Add(field, message, FieldErrorCodes.Required);

    public void RequireText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Required(field);
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
            Add(field, $"At most {maxLength} characters.", FieldErrorCodes.TooLong);
        }

        if (value.Any(char.IsControl))
        {
            Add(field, "Control characters are not allowed.", FieldErrorCodes.ControlCharacters);
        }
    }

    /// <summary>An optional <c>yyyy-MM-dd</c> date from a query string; anything else is an error on <paramref name="field"/>.</summary>
    public DateOnly? OptionalDate(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(field, "A date as yyyy-MM-dd.", FieldErrorCodes.NotADate);
        return null;
    }

    /// <summary>An IANA time zone (<c>Europe/Rome</c>); when none is given, <paramref name="fallback"/>, or an error if there is none.</summary>
    public TimeZoneInfo? TimeZone(string field, string? value, string? fallback = null)
    {
        var name = string.IsNullOrWhiteSpace(value) ? fallback : value;
        if (name is null)
        {
            Required(field, "This field is required: the office's IANA time zone (Europe/Rome).");
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId)
        {
            return zone;
        }

        Add(field, "Not an IANA time zone (Europe/Rome, Europe/Warsaw).", FieldErrorCodes.NotATimeZone);
        return null;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(entry => entry.Key, entry => entry.Value.Select(error => error.Message).ToArray(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> Codes() =>
        errors.ToDictionary(entry => entry.Key, entry => entry.Value.Select(error => error.Code).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// Handles a request body that is there and valid; a missing body (the field <c>$</c>) or field
    /// errors are a 400 instead, before anything is read or written.
    /// </summary>
    public static async Task<IResult> ValidThenAsync<TRequest>(TRequest? body, Func<TRequest, FieldErrors> validate, Func<TRequest, Task<IResult>> handle)
        where TRequest : class
    {
        if (body is null)
        {
            var missing = new FieldErrors();
            missing.Add("$", "A JSON body is required.");
            return missing.ToProblem();
        }

        return validate(body) is { Any: true } errors ? errors.ToProblem() : await handle(body);
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(ToDictionary(), title: "One or more fields are not valid.",
            extensions: new Dictionary<string, object?> { ["errorCodes"] = Codes() });
}

/// <summary>What is wrong with a field, as a code a client can translate (docs/api.md's <c>errorCodes</c>); the list only grows.</summary>
public static class FieldErrorCodes
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string ControlCharacters = "control_characters";
    public const string InvisibleCharacters = "invisible_characters";
    public const string NotADate = "not_a_date";
    public const string DateInFuture = "date_in_future";
    public const string NotAnEmail = "not_an_email";
    public const string NotACountry = "not_a_country";
    public const string NotALanguage = "not_a_language";
    public const string NotATimeZone = "not_a_time_zone";
    public const string NotOneOf = "not_one_of";
    public const string Invalid = "invalid";
}
