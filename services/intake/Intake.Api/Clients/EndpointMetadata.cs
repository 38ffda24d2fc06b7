namespace Integration.Intake.Clients;

internal static class EndpointMetadata
{
    /// <summary>What every change of an existing client may answer, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder ProducesChange(this RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status204NoContent)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static RouteHandlerBuilder ProducesAdd<TCreated>(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<TCreated>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
