using System.Security.Claims;
using Integration.ServiceDefaults;

namespace Integration.Intake.Clients.Assigning;

/// <summary><c>?assignedTo=</c> on search and the worklist: <c>me</c> for the caller's own cases, or a case worker's account id.</summary>
internal static class AssignedTo
{
    public const string Me = "me";

    public static string? Filter(string? value, ClaimsPrincipal user, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        errors.RequireText("assignedTo", value, ClientValidation.MaxTextLength);
        return value == Me ? user.Actor() : value.Trim();
    }
}
