using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Directory.Registering;

internal sealed record RegisterOrganisationRequest(string? Name, string? Description, string? Email, string? Website);

public sealed record OrganisationCreated(Guid OrganisationId);

/// <summary><c>POST /organisations</c>: a coordinator adds a partner organisation to the directory.</summary>
internal static class RegisteringOrganisation
{
    public static FieldErrors Validate(RegisterOrganisationRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireText("name", request.Name, Organisations.MaxNameLength);
        errors.OptionalText("description", request.Description, Organisations.MaxDescriptionLength);
        DirectoryValidation.Email(errors, "email", request.Email);
        DirectoryValidation.WebAddress(errors, "website", request.Website);
        return errors;
    }

    public static OrganisationRegistered Decide(Guid id, RegisterOrganisationRequest request, string by, DateTimeOffset now)
    {
        return new OrganisationRegistered(id, request.Name!.Trim(), request.Description?.Trim() ?? "", DirectoryValidation.Trimmed(request.Email),
            DirectoryValidation.Trimmed(request.Website), by, now);
    }

    public static RouteHandlerBuilder MapRegisterOrganisation(this RouteGroupBuilder organisations) =>
        organisations.MapPost("/", HandleAsync)
            .WithName("RegisterOrganisation")
            .RequireAuthorization(ReferralsRoles.Coordination)
            .Produces<OrganisationCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

    private static Task<IResult> HandleAsync(RegisterOrganisationRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.StartAsync<Organisation>(http, "register-organisation", request, id => Decide(id, request,
                http.User.Actor(), http.Now()), id => $"/organisations/{id}", id => new OrganisationCreated(id),
                cancellationToken));
}
