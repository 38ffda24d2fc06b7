using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Directory.Registering;

internal sealed record RegisterOrganisationRequest(string? Name, string? Description, string? Email, string? Website);

/// <summary>An organisation as parsed: the name it must have, the description (empty when none), and the optional e-mail and website.</summary>
internal sealed record RegisterOrganisation(string Name, string Description, string? Email, string? Website);

public sealed record OrganisationCreated(Guid OrganisationId);

/// <summary><c>POST /organisations</c>: a coordinator adds a partner organisation to the directory.</summary>
internal static class RegisteringOrganisation
{
    public static Parsed<RegisterOrganisation> Parse(RegisterOrganisationRequest request)
    {
        var errors = new FieldErrors();
        var name = errors.RequireText("name", request.Name, Organisations.MaxNameLength);
        var description = errors.OptionalText("description", request.Description, Organisations.MaxDescriptionLength);
        var email = DirectoryValidation.Email(errors, "email", request.Email);
        var website = DirectoryValidation.WebAddress(errors, "website", request.Website);
        return errors.Any || name is not { } named ? errors : new RegisterOrganisation(named, description ?? "", email, website);
    }

    public static OrganisationRegistered Decide(Guid id, RegisterOrganisation organisation, string by, DateTimeOffset now)
    {
        return new OrganisationRegistered(id, organisation.Name, organisation.Description, organisation.Email, organisation.Website, by, now);
    }

    public static RouteHandlerBuilder MapRegisterOrganisation(this RouteGroupBuilder organisations) =>
        organisations.MapPost("/", HandleAsync)
            .WithName("RegisterOrganisation")
            .RequireAuthorization(ReferralsRoles.Coordination);

    private static Task<CreateResult<OrganisationCreated>> HandleAsync(RegisterOrganisationRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            (request, organisation) => session.StartAsync<Organisation, OrganisationCreated>(http, "register-organisation", request, id => Decide(id, organisation,
                http.User.Actor(), http.Now()), id => $"/organisations/{id}", id => new OrganisationCreated(id),
                cancellationToken));
}
