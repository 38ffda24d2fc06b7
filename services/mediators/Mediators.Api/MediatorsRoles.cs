using System.Security.Claims;
using Integration.ServiceDefaults;

namespace Integration.Mediators;

/// <summary>
/// Who may do what in mediators (api.md, "who"). A mediator acts as themself: their token's
/// subject is the <c>userId</c> recorded on their mediator record.
/// </summary>
public static class MediatorsRoles
{
    public const string Coordination = "mediators.coordination";
    public const string CoordinationOrMediator = "mediators.coordination-or-mediator";
    public const string RequestBooking = "mediators.request-booking";
    public const string ReadBookings = "mediators.read-bookings";
    public const string ReadClients = "mediators.read-clients";

    public static WebApplicationBuilder AddMediatorsRoles(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Coordination, policy => policy.RequireRole("coordinator", "admin"))
            .AddPolicy(CoordinationOrMediator, policy => policy.RequireRole("coordinator", "admin", "mediator"))
            // Partner staff book for their organisation, so they need one: without it they could not see the booking again.
            .AddPolicy(RequestBooking, policy => policy.RequireAssertion(context =>
                context.User.IsInRole("frontdesk") || context.User.IsInRole("caseworker")
                || (context.User.IsInRole("partner") && context.User.Organisation() is not null)))
            .AddPolicy(ReadClients, policy => policy.RequireRole("frontdesk", "caseworker", "coordinator", "admin"))
            .AddPolicy(ReadBookings, policy => policy.RequireRole("frontdesk", "caseworker", "partner", "mediator", "coordinator", "admin"));
        return builder;
    }

    public static bool IsCoordinator(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole("coordinator") || user.IsInRole("admin");
    }

    /// <summary>True for a token of role <c>mediator</c> only: such a caller sees and acts on their own bookings alone.</summary>
    public static bool IsMediatorOnly(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole("mediator") && !user.IsCoordinator();
    }

    public static Guid? Organisation(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(IntegrationClaims.Organisation), out var organisation) ? organisation : null;
    }
}
