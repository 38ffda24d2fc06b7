using Integration.Eventing;
using Integration.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Referrals.Directory;

/// <summary>A partner organisation: housing association, job centre, clinic, legal aid, language school…</summary>
public sealed record Organisation(
    Guid Id, string Name, string Description, string? Email, string? Website, DateTimeOffset RegisteredAt, DateTimeOffset LastModified,
    int Version) : IStreamReadModel
{
    public static Organisation Create(OrganisationRegistered e)
    {
        return new(e.OrganisationId, e.Name, e.Description, e.Email, e.Website, e.RegisteredAt, e.RegisteredAt, Version: 1);
    }
}

public sealed record OrganisationRegistered(
    Guid OrganisationId, string Name, string Description, string? Email, string? Website, string RegisteredBy, DateTimeOffset RegisteredAt);

internal sealed record RegisterOrganisationRequest(string? Name, string? Description, string? Email, string? Website);

public sealed record OrganisationCreated(Guid OrganisationId);

internal static class Organisations
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    public static FieldErrors Validate(RegisterOrganisationRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireText("name", request.Name, MaxNameLength);
        errors.OptionalText("description", request.Description, MaxDescriptionLength);
        DirectoryValidation.Email(errors, "email", request.Email);
        DirectoryValidation.WebAddress(errors, "website", request.Website);
        return errors;
    }

    public static OrganisationRegistered Decide(Guid id, RegisterOrganisationRequest request, string by, DateTimeOffset now)
    {
        return new OrganisationRegistered(id, request.Name!.Trim(), request.Description?.Trim() ?? "", DirectoryValidation.Trimmed(request.Email),
            DirectoryValidation.Trimmed(request.Website), by, now);
    }

    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Organisation>(SnapshotLifecycle.Inline);
        options.Schema.For<Organisation>().Duplicate(organisation => organisation.Name);
    }

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder endpoints)
    {
        var organisations = endpoints.MapGroup("/organisations").WithTags("Partner directory");
        organisations.MapPost("/", async (RegisterOrganisationRequest request, IDocumentSession session, HttpContext http,
                CancellationToken cancellationToken) =>
            {
                var errors = Validate(request);
                return errors.Any
                    ? errors.ToProblem()
                    : await session.StartAsync<Organisation>(http, "register-organisation", request,
                        id => Decide(id, request, http.User.Actor(), http.Now()),
                        id => $"/organisations/{id}", id => new OrganisationCreated(id), cancellationToken);
            })
            .WithName("RegisterOrganisation")
            .RequireAuthorization(ReferralsRoles.Coordination)
            .Produces<OrganisationCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        organisations.MapGetById<Organisation>("GetOrganisation").RequireAuthorization(ReferralsRoles.ReadDirectory);
        organisations.MapList<Organisation>("ListOrganisations", query => query.OrderBy(organisation => organisation.Name)
                .ThenBy(organisation => organisation.Id))
            .RequireAuthorization(ReferralsRoles.ReadDirectory);
        return endpoints;
    }
}

internal static class DirectoryValidation
{
    private const int MaxAddressLength = 320;

    public static void Email(FieldErrors errors, string field, string? value)
    {
        errors.OptionalText(field, value, MaxAddressLength);
        if (!string.IsNullOrWhiteSpace(value) && !System.Net.Mail.MailAddress.TryCreate(value.Trim(), out _))
        {
            errors.Add(field, "Not an e-mail address.", FieldErrorCodes.NotAnEmail);
        }
    }

    public static void WebAddress(FieldErrors errors, string field, string? value)
    {
        errors.OptionalText(field, value, MaxAddressLength);
        if (!string.IsNullOrWhiteSpace(value)
            && !(Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add(field, "An absolute http or https address.");
        }
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
