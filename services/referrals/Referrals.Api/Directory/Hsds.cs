using System.Text.Json.Serialization;
using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Directory;

// The partner directory as the Open Referral HSDS 3.0 API (openreferral/specification,
// schema/openapi.json and schema/compiled/*.json): snake_case fields, absent rather than null,
// uuids for every id, paged lists in HSDS's envelope. Published information only: no personal data.

public sealed record HsdsOrganization(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description)
{
    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; init; }

    [JsonPropertyName("website")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Website { get; init; }

    /// <summary>Only on a single organisation (organization.json); lists carry one-to-one fields only (organization_list.json).</summary>
    [JsonPropertyName("services")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HsdsService>? Services { get; init; }

    public static HsdsOrganization From(Organisation organisation)
    {
        return new(organisation.Id, organisation.Name, organisation.Description) { Email = organisation.Email, Website = organisation.Website };
    }
}

public sealed record HsdsLanguage(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("code")] string Code);

public sealed record HsdsService(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_modified")] DateTimeOffset LastModified)
{
    [JsonPropertyName("eligibility_description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EligibilityDescription { get; init; }

    /// <summary>Only on a single service (service.json); service_list.json has no languages.</summary>
    [JsonPropertyName("languages")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HsdsLanguage>? Languages { get; init; }

    [JsonPropertyName("organization")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HsdsOrganization? Organization { get; init; }

    public static HsdsService From(PartnerService service, Organisation? organisation, bool full)
    {
        return new(service.Id, service.OrganisationId, service.Name, service.Description, "active", service.LastModified)
        {
            EligibilityDescription = service.Eligibility,
            Languages = full
                ? [.. service.Languages.Select(code => new HsdsLanguage(Hsds.LanguageId(service.Id, code), service.Id,
                    IsoCodes.LanguageName(code) ?? code, code))]
                : null,
            Organization = organisation is null ? null : HsdsOrganization.From(organisation),
        };
    }
}

public sealed record HsdsPage<T>(
    [property: JsonPropertyName("total_items")] long TotalItems,
    [property: JsonPropertyName("total_pages")] long TotalPages,
    [property: JsonPropertyName("page_number")] int PageNumber,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("first_page")] bool FirstPage,
    [property: JsonPropertyName("last_page")] bool LastPage,
    [property: JsonPropertyName("empty")] bool Empty,
    [property: JsonPropertyName("contents")] IReadOnlyList<T> Contents);

internal static class Hsds
{
    public static HsdsPage<T> Page<TSource, T>(ListPage<TSource> page, IReadOnlyList<T> contents)
    {
        var totalPages = (page.Total + page.PageSize - 1) / page.PageSize;
        return new HsdsPage<T>(page.Total, totalPages, page.Page, contents.Count, page.Page == 1, page.Page >= totalPages, page.Total == 0, contents);
    }

    /// <summary>HSDS wants a uuid for each language entry; derived from service and code so it stays stable.</summary>
    public static Guid LanguageId(Guid serviceId, string code) => DeterministicIds.From($"{serviceId:N}:{code}");

    /// <summary>The <c>/hsds</c> endpoints: public, since a directory is published information.</summary>
    public static IEndpointRouteBuilder MapHsds(this IEndpointRouteBuilder endpoints)
    {
        var hsds = endpoints.MapGroup("/hsds").WithTags("HSDS 3.0 directory").AllowAnonymous();
        hsds.MapGet("/services", async (int? page, int? per_page, string? organization_id, IQuerySession session,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors();
                var request = PageRequest.Parse(page, per_page, errors, "per_page");
                Guid? organisationId = null;
                if (organization_id is not null)
                {
                    organisationId = Guid.TryParse(organization_id, out var parsed) ? parsed : null;
                    if (organisationId is null)
                    {
                        errors.Add("organization_id", "A uuid.");
                    }
                }

                if (errors.Any)
                {
                    return (IResult)errors.ToProblem();
                }

                var query = session.Query<PartnerService>().AsQueryable();
                if (organisationId is { } wanted)
                {
                    query = query.Where(service => service.OrganisationId == wanted);
                }

                var found = await query.OrderBy(service => service.Name).ThenBy(service => service.Id).ToPageAsync(request, cancellationToken);
                var organisations = (await session.LoadManyAsync<Organisation>(cancellationToken,
                    [.. found.Items.Select(service => service.OrganisationId).Distinct()])).ToDictionary(organisation => organisation.Id);
                return TypedResults.Ok(Page(found, (IReadOnlyList<HsdsService>)
                    [.. found.Items.Select(service => HsdsService.From(service, organisations.GetValueOrDefault(service.OrganisationId), full: false))]));
            })
            .WithName("HsdsListServices")
            .Produces<HsdsPage<HsdsService>>()
            .ProducesValidationProblem();

        hsds.MapGet("/services/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
            {
                if (await session.LoadAsync<PartnerService>(id, cancellationToken) is not { } service)
                {
                    return StreamWrites.NotFound("No such service.");
                }

                var organisation = await session.LoadAsync<Organisation>(service.OrganisationId, cancellationToken);
                return TypedResults.Ok(HsdsService.From(service, organisation, full: true));
            })
            .WithName("HsdsGetService")
            .Produces<HsdsService>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        hsds.MapGet("/organizations", async (int? page, int? per_page, IQuerySession session, CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors();
                var request = PageRequest.Parse(page, per_page, errors, "per_page");
                if (errors.Any)
                {
                    return (IResult)errors.ToProblem();
                }

                var found = await session.Query<Organisation>().OrderBy(organisation => organisation.Name).ThenBy(organisation => organisation.Id)
                    .ToPageAsync(request, cancellationToken);
                return TypedResults.Ok(Page(found, (IReadOnlyList<HsdsOrganization>) [.. found.Items.Select(HsdsOrganization.From)]));
            })
            .WithName("HsdsListOrganizations")
            .Produces<HsdsPage<HsdsOrganization>>()
            .ProducesValidationProblem();

        hsds.MapGet("/organizations/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
            {
                if (await session.LoadAsync<Organisation>(id, cancellationToken) is not { } organisation)
                {
                    return StreamWrites.NotFound("No such organization.");
                }

                var services = await session.Query<PartnerService>().Where(service => service.OrganisationId == id)
                    .OrderBy(service => service.Name).Take(PageRequest.MaxPageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(HsdsOrganization.From(organisation) with
                {
                    Services = [.. services.Select(service => HsdsService.From(service, organisation: null, full: true))],
                });
            })
            .WithName("HsdsGetOrganization")
            .Produces<HsdsOrganization>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
