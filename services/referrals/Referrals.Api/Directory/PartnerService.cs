using Integration.Eventing;
using Integration.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Referrals.Directory;

/// <summary>
/// What a partner organisation offers: a category from the need domains, the languages it works
/// in, who is eligible, how many it can take, and <see cref="ResponseHours"/>, the time it has to
/// answer a referral before the referral becomes overdue.
/// </summary>
public sealed record PartnerService(
    Guid Id,
    Guid OrganisationId,
    string Name,
    string Description,
    NeedDomain Category,
    IReadOnlyList<string> Languages,
    string? Eligibility,
    int? Capacity,
    int ResponseHours,
    DateTimeOffset AddedAt,
    DateTimeOffset LastModified,
    int Version) : IStreamReadModel
{
    public static PartnerService Create(PartnerServiceAdded e)
    {
        return new(e.ServiceId, e.OrganisationId, e.Name, e.Description, e.Category, e.Languages, e.Eligibility, e.Capacity, e.ResponseHours,
            e.AddedAt, e.AddedAt, Version: 1);
    }
}

public sealed record PartnerServiceAdded(
    Guid ServiceId, Guid OrganisationId, string Name, string Description, NeedDomain Category, IReadOnlyList<string> Languages,
    string? Eligibility, int? Capacity, int ResponseHours, string AddedBy, DateTimeOffset AddedAt);

internal sealed record AddServiceRequest(
    string? Name, string? Description, NeedDomain? Category, IReadOnlyList<string>? Languages, string? Eligibility, int? Capacity,
    int? ResponseHours);

public sealed record ServiceCreated(Guid ServiceId);

internal static class PartnerServices
{
    /// <summary>Thirty days: a longer promise to answer is no promise.</summary>
    public const int MaxResponseHours = 720;
    private const int MaxLanguages = 50;

    public static FieldErrors Validate(AddServiceRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireText("name", request.Name, Organisations.MaxNameLength);
        errors.OptionalText("description", request.Description, Organisations.MaxDescriptionLength);
        errors.OptionalText("eligibility", request.Eligibility, Organisations.MaxDescriptionLength);
        if (request.Category is null)
        {
            errors.Required("category", "This field is required (a need domain: housing, employment, health, …).");
        }

        var languages = request.Languages ?? [];
        if (languages.Count > MaxLanguages)
        {
            errors.Add("languages", $"At most {MaxLanguages} languages.");
        }

        for (var index = 0; index < languages.Count; index++)
        {
            if (!IsoCodes.IsLanguage(languages[index]))
            {
                errors.Add($"languages[{index}]", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
            }
        }

        if (request.Capacity is < 0)
        {
            errors.Add("capacity", "Zero or more.");
        }

        if (request.ResponseHours is null)
        {
            errors.Required("responseHours", "This field is required: the hours the partner has to answer a referral.");
        }
        else if (request.ResponseHours is < 1 or > MaxResponseHours)
        {
            errors.Add("responseHours", $"Between 1 and {MaxResponseHours}.");
        }

        return errors;
    }

    public static PartnerServiceAdded Decide(Organisation organisation, Guid id, AddServiceRequest request, string by, DateTimeOffset now)
    {
        return new PartnerServiceAdded(id, organisation.Id, request.Name!.Trim(), request.Description?.Trim() ?? "", request.Category!.Value,
            [.. (request.Languages ?? []).Distinct(StringComparer.Ordinal)], DirectoryValidation.Trimmed(request.Eligibility), request.Capacity,
            request.ResponseHours!.Value, by, now);
    }

    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<PartnerService>(SnapshotLifecycle.Inline);
        options.Schema.For<PartnerService>()
            .Duplicate(service => service.OrganisationId)
            .Duplicate(service => service.Category)
            .GinIndexJsonData();
    }

    public static IEndpointRouteBuilder MapPartnerServices(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/organisations/{organisationId:guid}/services", async (Guid organisationId, AddServiceRequest request,
                IDocumentSession session, HttpContext http, CancellationToken cancellationToken) =>
            {
                var errors = Validate(request);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }

                if (await session.LoadAsync<Organisation>(organisationId, cancellationToken) is not { } organisation)
                {
                    return StreamWrites.NotFound("No such organisation.");
                }

                return await session.StartAsync<PartnerService>(http, $"add-service:{organisationId}", request,
                    id => Decide(organisation, id, request, http.User.Actor(), http.Now()),
                    id => $"/services/{id}", id => new ServiceCreated(id), cancellationToken);
            })
            .WithName("AddService")
            .WithTags("Partner directory")
            .RequireAuthorization(ReferralsRoles.Coordination)
            .Produces<ServiceCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGroup("/services").WithTags("Partner directory").RequireAuthorization(ReferralsRoles.ReadDirectory)
            .MapGetById<PartnerService>("GetService");

        endpoints.MapGet("/directory", async (string? category, string? language, Guid? organisationId, int? page, int? pageSize, IQuerySession session,
                CancellationToken cancellationToken) =>
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
                    return (IResult)errors.ToProblem();
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
                    [.. found.Items.Select(service => new DirectoryEntry(service, names.GetValueOrDefault(service.OrganisationId, "")))],
                    found.Page, found.PageSize, found.Total));
            })
            .WithName("SearchDirectory")
            .WithTags("Partner directory")
            .RequireAuthorization(ReferralsRoles.ReadDirectory)
            .Produces<ListPage<DirectoryEntry>>()
            .ProducesValidationProblem();
        return endpoints;
    }
}

/// <summary>A directory hit: the service and the name of the organisation offering it.</summary>
public sealed record DirectoryEntry(
    Guid ServiceId, string Name, string Description, NeedDomain Category, IReadOnlyList<string> Languages, string? Eligibility,
    int? Capacity, int ResponseHours, Guid OrganisationId, string OrganisationName)
{
    public DirectoryEntry(PartnerService service, string organisationName)
        : this(service!.Id, service.Name, service.Description, service.Category, service.Languages, service.Eligibility, service.Capacity,
            service.ResponseHours, service.OrganisationId, organisationName)
    {
    }
}
