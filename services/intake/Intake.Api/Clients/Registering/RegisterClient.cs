using System.Security.Claims;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Registering;

/// <summary>Body of <c>POST /clients</c>. Nullable so that a missing field is a field error, not a default.</summary>
public sealed record RegisterClientRequest(string? GivenName, string? FamilyName, DateOnly? DateOfBirth);

public sealed record ClientCreated(Guid ClientId, int Version);

public static class RegisteringClient
{
    private const int MaxNameLength = 100;
    private static readonly DateOnly EarliestDateOfBirth = new(1900, 1, 1);

    public static FieldErrors Validate(RegisterClientRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.RequireText("givenName", request.GivenName, MaxNameLength);
        errors.RequireText("familyName", request.FamilyName, MaxNameLength);
        if (request.DateOfBirth is not { } dateOfBirth)
        {
            errors.Add("dateOfBirth", "This field is required (yyyy-mm-dd).");
        }
        else if (dateOfBirth > today)
        {
            errors.Add("dateOfBirth", "The date of birth cannot be in the future.");
        }
        else if (dateOfBirth < EarliestDateOfBirth)
        {
            errors.Add("dateOfBirth", $"The date of birth cannot be before {EarliestDateOfBirth:yyyy-MM-dd}.");
        }

        return errors;
    }

    /// <summary>Call only with a request that passed <see cref="Validate"/>.</summary>
    public static ClientRegistered Decide(Guid clientId, RegisterClientRequest request, string registeredBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ClientRegistered(clientId, request.GivenName!.Trim(), request.FamilyName!.Trim(),
            request.DateOfBirth!.Value, registeredBy, now);
    }

    public static RouteHandlerBuilder MapRegisterClient(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/", HandleAsync).WithName("RegisterClient");

    private static async Task<Results<Created<ClientCreated>, ValidationProblem>> HandleAsync(
        RegisterClientRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var clientId = Guid.CreateVersion7(now);
        session.Events.StartStream<Client>(clientId, Decide(clientId, request, user.Actor(), now));
        await session.SaveChangesAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.For(1);
        return TypedResults.Created($"{http.Request.PathBase}/clients/{clientId}", new ClientCreated(clientId, 1));
    }
}
