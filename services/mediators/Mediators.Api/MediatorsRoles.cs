using System.Security.Claims;
using Integration.ServiceDefaults;

namespace Integration.Mediators;

/// <summary>
/// Mediators' names for the role policies defined in <see cref="AccessPolicies"/>. A mediator acts
/// as themself: their token's subject is the <c>userId</c> recorded on their mediator record.
/// </summary>
internal static class MediatorsRoles
{
    public const string Coordination = AccessPolicies.MediatorsCoordination;
    public const string CoordinationOrMediator = AccessPolicies.MediatorsCoordinationOrMediator;
    public const string RequestBooking = AccessPolicies.MediatorsRequestBooking;
    public const string ReadBookings = AccessPolicies.MediatorsReadBookings;
    public const string ReadClients = AccessPolicies.MediatorsReadClients;

    public static bool IsCoordinator(this ClaimsPrincipal user)
    {
        return user.IsInRole("coordinator") || user.IsInRole("admin");
    }

    /// <summary>True for a token of role <c>mediator</c> only: such a caller sees and acts on their own bookings alone.</summary>
    public static bool IsMediatorOnly(this ClaimsPrincipal user)
    {
        return user.IsInRole("mediator") && !user.IsCoordinator();
    }
}
