using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Integration.Eventing;
using Integration.ServiceDefaults;

namespace Integration.Intake.Clients;

/// <summary>
/// Staff of a one-stop-shop office (front desk, case workers) work with the clients registered at
/// their office (the token's <c>office</c> claim); coordinators and admins with every office's. A
/// client of another office does not exist for the caller (404), checked before If-Match so a 412
/// cannot reveal it either. The duplicate check alone looks across offices, since a person
/// registered twice in two offices is exactly what it must find.
/// </summary>
internal static class OfficeScope
{
    public static bool CanSee(this ClaimsPrincipal user, Client client)
    {
        return user.WorksWithOffice(client.Office);
    }

    /// <summary>The office a search is limited to: null for all offices; a caller without an office claim finds nobody.</summary>
    public static string? SearchOffice(this ClaimsPrincipal user) => user.SeesAllOffices() ? null : user.Office() ?? "";

    /// <summary>
    /// Whether the caller may work with this client; otherwise why not: 404 for an unknown client or
    /// one of another office, 410 <c>client_erased</c> once the client's data is erased.
    /// </summary>
    public static bool Admits(this ClaimsPrincipal user, [NotNullWhen(true)] Client? client, [NotNullWhen(false)] out AccessRefusal? refusal)
    {
        refusal = client is null || !user.CanSee(client) ? (AccessRefusal)NotFound()
            : client.Erasure is { } erasure ? (AccessRefusal)Erasing.ClientErasure.Gone(erasure)
            : null;
        return refusal is null;
    }

    public const string NoSuchClient = "No client with this id.";

    public static NotFoundProblem NotFound() => StreamWrites.NotFound(NoSuchClient);
}
