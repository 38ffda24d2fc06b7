using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Integration.Eventing;

/// <summary>What the OpenAPI documents say a write through <see cref="StreamWrites"/> may answer.</summary>
public static class WriteEndpoints
{
    /// <summary>A change of an existing stream: 204, field errors, 404, 409 (a rule or a lost race), 412, and <paramref name="problems"/>.</summary>
    public static RouteHandlerBuilder ProducesChange(this RouteHandlerBuilder endpoint, params int[] problems) =>
        endpoint.Produces(StatusCodes.Status204NoContent).ProducesWriteProblems(problems);

    /// <summary>An addition with its own id: 201 with <typeparamref name="TCreated"/>, and what a change may answer.</summary>
    public static RouteHandlerBuilder ProducesAdd<TCreated>(this RouteHandlerBuilder endpoint, params int[] problems) =>
        endpoint.Produces<TCreated>(StatusCodes.Status201Created).ProducesWriteProblems(problems);

    private static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder endpoint, int[] problems)
    {
        endpoint.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        foreach (var status in problems)
        {
            endpoint.ProducesProblem(status);
        }

        return endpoint;
    }
}
