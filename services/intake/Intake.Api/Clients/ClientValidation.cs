using System.Globalization;
using System.Net.Mail;
using System.Text;
using Integration.Intake.Offices;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;

namespace Integration.Intake.Clients;

internal sealed record LanguageSkillRequest(string? Code, Proficiency? Proficiency);

internal sealed record AddressRequest(string? Municipality, string? District, string? Postcode);

internal sealed record LegalStatusRequest(LegalStatusCategory? Category, string? DocumentNumber, DateOnly? ValidUntil);

/// <summary>Field rules shared by registration and the corrections that change the same fields.</summary>
internal static class ClientValidation
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 200;

    /// <summary>Vietnamese stacks two marks on a letter and Yoruba two; four is only ever decoration or an attack.</summary>
    public const int MaxStackedMarks = 3;
    public const int MaxNoteLength = 2000;
    private const int MaxListLength = 20;
    private static readonly DateOnly EarliestDateOfBirth = new(1900, 1, 1);

    /// <returns>The date of birth when it is there (valid or not: the errors say).</returns>
    public static DateOnly? DateOfBirth(FieldErrors errors, DateOnly? dateOfBirth, DateOnly today)
    {
        if (dateOfBirth is not { } born)
        {
            errors.Required("dateOfBirth", "This field is required (yyyy-mm-dd).");
        }
        else if (born > today)
        {
            errors.Add("dateOfBirth", "The date of birth cannot be in the future.", FieldErrorCodes.DateInFuture);
        }
        else if (born < EarliestDateOfBirth)
        {
            errors.Add("dateOfBirth", $"The date of birth cannot be before {EarliestDateOfBirth:yyyy-MM-dd}.");
        }

        return dateOfBirth;
    }

    public static void Names(FieldErrors errors, string field, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return;
        }

        MaxItems(errors, field, names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            Name(errors, $"{field}[{i}]", names[i]);
        }
    }

    /// <summary>
    /// A person's name: required, at most <see cref="MaxNameLength"/> characters, and nothing that looks
    /// like one name and is another. Invisible formatting characters (a right-to-left override, a
    /// zero-width space, a byte-order mark) are refused; the zero-width joiner and non-joiner stay, since
    /// Persian, Urdu and Indic names need them. More than <see cref="MaxStackedMarks"/> combining marks
    /// on one letter are refused too: no script stacks more.
    /// </summary>
    /// <returns>The name as stored (<see cref="NameAsStored"/>) when it is there (valid or not: the errors say).</returns>
    public static string? Name(FieldErrors errors, string field, string? value)
    {
        errors.RequireText(field, value, MaxNameLength);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var stacked = 0;
        foreach (var character in value.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(character);
            if (category == UnicodeCategory.Format && character is not ('\u200C' or '\u200D'))
            {
                errors.Add(field, "Invisible formatting characters (such as a direction override or a zero-width space) are not allowed in names.",
                    FieldErrorCodes.InvisibleCharacters);
                break;
            }

            stacked = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? stacked + 1 : 0;
            if (stacked > MaxStackedMarks)
            {
                errors.Add(field, $"At most {MaxStackedMarks} accents on one letter.");
                break;
            }
        }

        return NameAsStored(value);
    }

    /// <summary>A name as stored: trimmed and in Unicode's composed form, so the same name typed two ways is one name.</summary>
    public static string NameAsStored(string name) => name.Trim().Normalize(NormalizationForm.FormC);

    public static void Nationalities(FieldErrors errors, IReadOnlyList<string>? nationalities)
    {
        if (nationalities is null)
        {
            return;
        }

        MaxItems(errors, "nationalities", nationalities.Count);
        for (var i = 0; i < nationalities.Count; i++)
        {
            if (!IsoCodes.IsCountry(nationalities[i]?.ToUpperInvariant()))
            {
                errors.Add($"nationalities[{i}]", "Not an ISO 3166-1 alpha-2 country code (for example SY, UA, ER).", FieldErrorCodes.NotACountry);
            }
        }
    }

    public static void Languages(FieldErrors errors, IReadOnlyList<LanguageSkillRequest>? languages, string? preferredLanguage)
    {
        if (languages is not null)
        {
            MaxItems(errors, "languages", languages.Count);
            for (var i = 0; i < languages.Count; i++)
            {
                if (languages[i] is null)
                {
                    errors.Add($"languages[{i}]", "A language needs a code and a proficiency.");
                    continue;
                }

                Language(errors, $"languages[{i}].code", languages[i].Code);
                if (languages[i].Proficiency is null)
                {
                    errors.Required($"languages[{i}].proficiency", "This field is required (native, fluent, basic, none).");
                }
            }

            if (languages.Select(language => language?.Code).OfType<string>().GroupBy(code => code.ToLowerInvariant()).Any(group => group.Count() > 1))
            {
                errors.Add("languages", "Each language may appear once.");
            }
        }

        if (preferredLanguage is not null)
        {
            Language(errors, "preferredLanguage", preferredLanguage);
        }
    }

    public static void Contact(FieldErrors errors, string? phone, string? email, AddressRequest? address)
    {
        if (phone is not null && !IsPhone(phone))
        {
            errors.Add("phone", "A phone number has 6 to 15 digits and may start with + (spaces, dashes and brackets allowed).");
        }

        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email.Trim()))
        {
            errors.Add("email", "Not an e-mail address.", FieldErrorCodes.NotAnEmail);
        }

        if (address is not null)
        {
            errors.RequireText("address.municipality", address.Municipality, MaxNameLength);
            errors.OptionalText("address.district", address.District, MaxNameLength);
            errors.OptionalText("address.postcode", address.Postcode, 20);
        }
    }

    public static void LegalStatus(FieldErrors errors, string prefix, LegalStatusRequest? legalStatus)
    {
        if (legalStatus is null)
        {
            return;
        }

        if (legalStatus.Category is null)
        {
            errors.Required($"{prefix}category");
        }

        if (legalStatus.DocumentNumber is not null
            && (legalStatus.DocumentNumber.Length > 50 || Matching.ClientIndex.NormaliseDocumentNumber(legalStatus.DocumentNumber).Length == 0))
        {
            errors.Add($"{prefix}documentNumber", "At most 50 characters, with letters or digits.");
        }

        if (legalStatus.ValidUntil is { } validUntil && validUntil.Year < 1950)
        {
            errors.Add($"{prefix}validUntil", "Not a plausible expiry date.");
        }
    }

    public static IReadOnlyList<LanguageSkill> ToLanguages(IReadOnlyList<LanguageSkillRequest>? languages) =>
        [.. (languages ?? []).Select(language => new LanguageSkill(language.Code!.ToLowerInvariant(), language.Proficiency!.Value))];

    public static Address? ToAddress(AddressRequest? address) =>
        address is null ? null : new Address(address.Municipality!.Trim(), Trimmed(address.District), Trimmed(address.Postcode));

    public static LegalStatusDetails? ToLegalStatus(LegalStatusRequest? legalStatus) =>
        legalStatus is null ? null : new LegalStatusDetails(legalStatus.Category!.Value, Trimmed(legalStatus.DocumentNumber), legalStatus.ValidUntil);

    /// <summary>
    /// The office something is made at (a client, a household): the body's, else the caller's. A blank
    /// one, or none at all, is a field error (the record would be nobody's to see); another office than
    /// the caller's only for those who see every office (coordinators), and only a configured one.
    /// </summary>
    /// <returns>The office named in the body, or else the caller's (null when there is none or it is blank).</returns>
    public static string? Office(FieldErrors errors, string? requested, string? callerOffice, bool seesAllOffices, ConfiguredOffices offices, string what)
    {
        errors.OptionalText("office", requested, MaxTextLength);
        if (requested is not null && string.IsNullOrWhiteSpace(requested))
        {
            errors.Add("office", "An office cannot be blank; leave it out to use your own.");
            return null;
        }

        var office = requested?.Trim() ?? callerOffice;
        if (string.IsNullOrWhiteSpace(office))
        {
            errors.Required("office", "This field is required when your account has no office.");
            return null;
        }

        if (!seesAllOffices && office != callerOffice)
        {
            errors.Add("office", $"You can {what} only at your own office.");
        }
        else if (office != callerOffice)
        {
            offices.Check(errors, "office", office);
        }

        return office;
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Language(FieldErrors errors, string field, string? code)
    {
        if (!IsoCodes.IsLanguage(code?.ToLowerInvariant()))
        {
            errors.Add(field, IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
        }
    }

    private static void MaxItems(FieldErrors errors, string field, int count)
    {
        if (count > MaxListLength)
        {
            errors.Add(field, $"At most {MaxListLength} entries.");
        }
    }

    private static bool IsPhone(string phone)
    {
        var trimmed = phone.Trim();
        var digits = trimmed.Count(char.IsAsciiDigit);
        return digits is >= 6 and <= 15
            && trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+')
            && trimmed.LastIndexOf('+') <= 0;
    }
}
