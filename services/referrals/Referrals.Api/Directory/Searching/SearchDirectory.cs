using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Directory.Searching;

/// <summary><c>GET /directory</c>: the services a case worker can refer to, by category, language or organisation.</summary>
internal static class SearchingDirectory
{
    public static RouteHandlerBuilder MapSearchDirectory(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/directory", HandleAsync)
            .WithName("SearchDirectory")
            .WithTags("Partner directory")
            .RequireAuthorization(ReferralsRoles.ReadDirectory);

    private static async Task<Results<Ok<ListPage<DirectoryEntry>>, ValidationProblem>> HandleAsync(string? category, string? language, Guid? organisationId, int? page, int? pageSize,
        IQuerySession session, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        var wantedCategory = QueryParameters.Vocabulary<NeedDomain>("category", category, errors);
        if (language is not null && !IsoCodes.IsLanguage(language))
        {
            errors.Add("language", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var services = session.Query<PartnerService>().AsQueryable();
        if (wantedCategory is { } wanted)
        {
            services = services.Where(service => service.Category == wanted);
        }

        if (language is not null)
        {
            services = services.Where(service => service.Languages.Contains(language));
        }

        if (organisationId is { } organisation)
        {
            services = services.Where(service => service.OrganisationId == organisation);
        }

        var found = await services.OrderBy(service => service.Name).ThenBy(service => service.Id).ToPageAsync(request, cancellationToken);
        var organisations = await session.LoadManyAsync<Organisation>(cancellationToken, [.. found.Items.Select(s => s.OrganisationId).Distinct()]);
        var names = organisations.ToDictionary(organisation => organisation.Id, organisation => organisation.Name);
        return TypedResults.Ok(new ListPage<DirectoryEntry>(
            [.. found.Items.Select(service => DirectoryEntry.Of(service, names.GetValueOrDefault(service.OrganisationId, "")))],
            found.Page, found.PageSize, found.Total));
    }
}

/// <summary>A directory hit: the service and the name of the organisation offering it.</summary>
public sealed record DirectoryEntry(
    Guid ServiceId, string Name, string Description, NeedDomain Category, IReadOnlyList<string> Languages, string? Eligibility,
    int? Capacity, int ResponseHours, Guid OrganisationId, string OrganisationName)
{
    /// <summary>A factory rather than a second constructor: with one constructor the OpenAPI document knows which fields are required.</summary>
    public static DirectoryEntry Of(PartnerService service, string organisationName) =>
        new(service.Id, service.Name, service.Description, service.Category, service.Languages, service.Eligibility, service.Capacity,
            service.ResponseHours, service.OrganisationId, organisationName);
}
