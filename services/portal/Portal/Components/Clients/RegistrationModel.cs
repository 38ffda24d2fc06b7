using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Intake;
using Integration.Portal.Resources;
using Integration.Vocabulary;
using Microsoft.Extensions.Localization;

namespace Integration.Portal.Components.Clients;

/// <summary>What the desk has typed so far; kept as typed when the API refuses it.</summary>
public sealed class RegistrationModel
{
    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public bool DateOfBirthIsApproximate { get; set; }

    public string? Sex { get; set; }

    public string? Nationality { get; set; }

    public string? PreferredLanguage { get; set; }

    public bool InterpreterRequired { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Municipality { get; set; }

    public LegalStatusCategory? LegalStatusCategory { get; set; }

    public string? DocumentNumber { get; set; }

    public DateOnly? PermitValidUntil { get; set; }

    public string? DuplicateReason { get; set; }

    /// <summary>A duplicate check once names and date of birth are there; null before.</summary>
    public DuplicateCheckRequest? ToDuplicateCheck() =>
        string.IsNullOrWhiteSpace(GivenName) || string.IsNullOrWhiteSpace(FamilyName) || DateOfBirth is not { } birth
            ? null
            : new DuplicateCheckRequest
            {
                GivenName = GivenName.Trim(), FamilyName = FamilyName.Trim(), DateOfBirth = birth, DateOfBirthIsApproximate = DateOfBirthIsApproximate,
                Nationality = ApiCalls.Blank(Nationality)?.ToUpperInvariant(), Sex = ApiCalls.Choice<Sex>(Sex),
            };

    public RegisterClientRequest ToRegistration(bool overridesCandidates) => new()
    {
        GivenName = GivenName?.Trim() ?? "", FamilyName = FamilyName?.Trim() ?? "", DateOfBirth = DateOfBirth, DateOfBirthIsApproximate = DateOfBirthIsApproximate,
        Sex = ApiCalls.Choice<Sex>(Sex), Nationalities = ApiCalls.Blank(Nationality) is { } nationality ? [nationality.ToUpperInvariant()] : [],
        PreferredLanguage = ApiCalls.Blank(PreferredLanguage)?.ToLowerInvariant(), InterpreterRequired = InterpreterRequired,
        Phone = ApiCalls.Blank(Phone), Email = ApiCalls.Blank(Email),
        DuplicateCheckOverride = overridesCandidates ? new DuplicateCheckOverrideRequest { Reason = DuplicateReason!.Trim() } : null,
        Address = ApiCalls.Blank(Municipality) is { } municipality ? new AddressRequest { Municipality = municipality } : null,
        LegalStatus = LegalStatusCategory is null && ApiCalls.Blank(DocumentNumber) is null && PermitValidUntil is null
            ? null
            : new LegalStatusRequest { Category = LegalStatusCategory, DocumentNumber = ApiCalls.Blank(DocumentNumber), ValidUntil = PermitValidUntil },
    };

    /// <summary>
    /// What can be told before asking the API: required fields and a birth date not in the future.
    /// Everything else (ISO codes, phone format) the API checks and names by field.
    /// </summary>
    public Dictionary<string, string[]> Validate(DateOnly today, bool hasCandidates, IStringLocalizer<Strings> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string required = text["Required"];
        if (string.IsNullOrWhiteSpace(GivenName))
        {
            errors["givenName"] = [required];
        }

        if (string.IsNullOrWhiteSpace(FamilyName))
        {
            errors["familyName"] = [required];
        }

        if (DateOfBirth is null)
        {
            errors["dateOfBirth"] = [required];
        }
        else if (DateOfBirth > today)
        {
            errors["dateOfBirth"] = [text["DateOfBirthInFuture"]];
        }

        if (hasCandidates && string.IsNullOrWhiteSpace(DuplicateReason))
        {
            errors["duplicateCheckOverride.reason"] = [text["DuplicateReasonRequired"]];
        }

        return errors;
    }
}
