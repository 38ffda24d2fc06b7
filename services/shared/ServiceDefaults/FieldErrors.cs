using System.Diagnostics.CodeAnalysis;
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

    /// <summary>A value that must be there: <paramref name="value"/>, or null with a <c>required</c> error on <paramref name="field"/>.</summary>
    public T? Require<T>(string field, T? value, string message = "This field is required.")
        where T : struct
    {
        if (value is null)
        {
            Required(field, message);
        }

        return value;
    }

    /// <summary>Text that must be there and fit: <paramref name="value"/> trimmed, or null when it is blank (a <c>required</c> error).</summary>
    public string? RequireText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Required(field);
            return null;
        }

        return OptionalText(field, value, maxLength);
    }

    /// <summary>Text that may be missing: <paramref name="value"/> trimmed (null when blank), with an error when it is too long or holds control characters.</summary>
    public string? OptionalText(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.", FieldErrorCodes.TooLong);
        }

        if (value.Any(char.IsControl))
        {
            Add(field, "Control characters are not allowed.", FieldErrorCodes.ControlCharacters);
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
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

    /// <summary>The first and last year a report's period may name: day and month arithmetic stays far from the calendar's ends.</summary>
    public const int FirstReportableYear = 1900, LastReportableYear = 2999;

    /// <summary>
    /// A report's optional period, <c>from</c> and <c>to</c> as yyyy-MM-dd, both days included: each between
    /// <see cref="FirstReportableYear"/> and <see cref="LastReportableYear"/>, and <c>to</c> on or after <c>from</c>.
    /// </summary>
    public (DateOnly? From, DateOnly? To) ReportingPeriod(string? from, string? to)
    {
        var fromDate = Reportable("from", OptionalDate("from", from));
        var toDate = Reportable("to", OptionalDate("to", to));
        if (fromDate > toDate)
        {
            Add("to", "On or after from.");
        }

        return (fromDate, toDate);
    }

    /// <summary>The longest office name a report's filter takes.</summary>
    public const int MaxOfficeFilterLength = 200;

    /// <summary>A report's optional <c>office</c> filter: trimmed, null when blank (every office), at most <see cref="MaxOfficeFilterLength"/> characters.</summary>
    public string? OfficeFilter(string? office)
    {
        OptionalText("office", office, MaxOfficeFilterLength);
        return string.IsNullOrWhiteSpace(office) ? null : office.Trim();
    }

    /// <summary>A date a report or a reported record may carry: a field error outside <see cref="FirstReportableYear"/>..<see cref="LastReportableYear"/>.</summary>
    public DateOnly? Reportable(string field, DateOnly? date)
    {
        if (date is { Year: < FirstReportableYear or > LastReportableYear })
        {
            Add(field, $"Between {FirstReportableYear}-01-01 and {LastReportableYear}-12-31.");
            return null;
        }

        return date;
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
    /// Handles a request body that parses into a command; a missing body (the field <c>$</c>) or field
    /// errors are a 400 instead, before anything is read or written.
    /// </summary>
    public static Task<TResult> ParsedThenAsync<TRequest, TCommand, TResult>(TRequest? body, Func<TRequest, Parsed<TCommand>> parse,
        Func<TCommand, Task<TResult>> handle)
        where TRequest : class
        where TCommand : class
        where TResult : IAnswersFieldErrors<TResult> =>
        ParsedThenAsync(body, parse, (_, command) => handle(command));

    /// <summary>As above, for a handler that also needs the request as sent (an <c>Idempotency-Key</c> compares bodies).</summary>
    public static async Task<TResult> ParsedThenAsync<TRequest, TCommand, TResult>(TRequest? body, Func<TRequest, Parsed<TCommand>> parse,
        Func<TRequest, TCommand, Task<TResult>> handle)
        where TRequest : class
        where TCommand : class
        where TResult : IAnswersFieldErrors<TResult>
    {
        if (body is null)
        {
            var missing = new FieldErrors();
            missing.Add("$", "A JSON body is required.");
            return TResult.Invalid(missing.ToProblem());
        }

        return parse(body).TryGet(out var command, out var errors) ? await handle(body, command) : TResult.Invalid(errors.ToProblem());
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(ToDictionary(), title: "One or more fields are not valid.",
            extensions: new Dictionary<string, object?> { ["errorCodes"] = Codes() });
}

/// <summary>
/// A request parsed into a command whose fields are there and valid, or the field errors that stopped
/// it: a parse returns the command or its <see cref="FieldErrors"/>, and the handler sees the command only.
/// </summary>
public readonly struct Parsed<TCommand>
    where TCommand : class
{
    private readonly TCommand? command;
    private readonly FieldErrors? errors;

    private Parsed(TCommand? command, FieldErrors? errors)
    {
        this.command = command;
        this.errors = errors;
    }

    public FieldErrors Errors => errors ?? new FieldErrors();

    public static implicit operator Parsed<TCommand>(TCommand command) => new(command, null);

    public static implicit operator Parsed<TCommand>(FieldErrors errors) => new(null, errors);

    public bool TryGet([NotNullWhen(true)] out TCommand? parsed, out FieldErrors fieldErrors)
    {
        parsed = command;
        fieldErrors = Errors;
        return command is not null;
    }
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
    public const string UnknownOffice = "unknown_office";
    public const string UnknownOrganisation = "unknown_organisation";
    public const string Invalid = "invalid";
}
