using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Gateway;

internal static class DevelopmentTokenEndpoint
{
    /// <summary>
    /// <c>POST /dev/token</c> (docs/api.md): a token for any demo user, signed with the development key.
    /// Mapped only in the Development environment.
    /// </summary>
    public static IEndpointRouteBuilder MapDevelopmentTokens(this IEndpointRouteBuilder endpoints, AuthSettings settings)
    {
        endpoints.MapPost("/dev/token", Results<Ok<IssuedToken>, ValidationProblem> (TokenRequest request, TimeProvider clock) =>
        {
            var errors = request.Validate();
            return errors.Any ? errors.ToProblem() : TypedResults.Ok(DevelopmentTokens.Issue(settings, request, clock.GetUtcNow()));
        }).AllowAnonymous();
        return endpoints;
    }
}
