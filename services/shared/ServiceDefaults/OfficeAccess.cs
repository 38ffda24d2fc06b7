using System.Security.Claims;

namespace Integration.ServiceDefaults;

/// <summary>
/// Office scoping (docs/authorization.md, <c>own</c>): front desks and case workers work with the
/// clients of the office in their token's <c>office</c> claim, coordinators and admins with every
/// office's. One definition for every service that holds client records.
/// </summary>
public static class OfficeAccess
{
    public static bool SeesAllOffices(this ClaimsPrincipal user)
    {
        return user.IsInRole("coordinator") || user.IsInRole("admin");
    }

    public static string? Office(this ClaimsPrincipal user)
    {
        return user.FindFirstValue(IntegrationClaims.Office);
    }

    /// <summary>Whether the caller works with records of <paramref name="office"/>; a record without an office is for all-office roles only.</summary>
    public static bool WorksWithOffice(this ClaimsPrincipal user, string? office) =>
        user.SeesAllOffices() || (office is not null && office == user.Office());
}
