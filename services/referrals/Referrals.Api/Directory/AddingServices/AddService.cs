using Integration.Eventing;
using Integration.Referrals.Funding;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Directory.AddingServices;

internal sealed record AddServiceRequest(
    string? Name, string? Description, NeedDomain? Category, IReadOnlyList<string>? Languages, string? Eligibility, int? Capacity,
    int? ResponseHours)
{
    /// <summary>The code of the funding stream that pays for the service; it must run on the day the service is added.</summary>
    public string? FundingStream { get; init; }
}

/// <summary>A service as parsed: the name, category and response hours it must have, the description (empty when none), each language once, and the optional eligibility and capacity.</summary>
internal sealed record AddService(
    string Name, string Description, NeedDomain Category, IReadOnlyList<string> Languages, string? Eligibility, int? Capacity, int ResponseHours);

public sealed record ServiceCreated(Guid ServiceId);

/// <summary><c>POST /organisations/{id}/services</c>: a coordinator adds what a partner organisation offers.</summary>
internal static class AddingService
{
    private const int MaxLanguages = 50;

    public static Parsed<AddService> Parse(AddServiceRequest request)
    {
        var errors = new FieldErrors();
        var name = errors.RequireText("name", request.Name, Organisations.MaxNameLength);
        var description = errors.OptionalText("description", request.Description, Organisations.MaxDescriptionLength);
        var eligibility = errors.OptionalText("eligibility", request.Eligibility, Organisations.MaxDescriptionLength);
        var category = errors.Require("category", request.Category, "This field is required (a need domain: housing, employment, health, …).");
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

        var responseHours = errors.Require("responseHours", request.ResponseHours,
            "This field is required: the hours the partner has to answer a referral.");
        if (responseHours is < 1 or > PartnerServices.MaxResponseHours)
        {
            errors.Add("responseHours", $"Between 1 and {PartnerServices.MaxResponseHours}.");
        }

        return errors.Any || (name, category, responseHours) is not ({ } named, { } domain, { } hours)
            ? errors
            : new AddService(named, description ?? "", domain, [.. languages.Distinct(StringComparer.Ordinal)], eligibility, request.Capacity, hours);
    }

    public static PartnerServiceAdded Decide(Organisation organisation, Guid id, AddService service, FundingStream? paidBy, string by, DateTimeOffset now)
    {
        return new PartnerServiceAdded(id, organisation.Id, service.Name, service.Description, service.Category, service.Languages, service.Eligibility,
            service.Capacity, service.ResponseHours, by, now)
        {
            FundingStream = paidBy?.Code,
        };
    }

    public static RouteHandlerBuilder MapAddService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/organisations/{organisationId:guid}/services", HandleAsync)
            .WithName("AddService")
            .WithTags("Partner directory")
            .RequireAuthorization(ReferralsRoles.Coordination);

    private static async Task<Results<CreateResult<ServiceCreated>, NotFoundProblem>> HandleAsync(Guid organisationId, AddServiceRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var service, out var errors))
        {
            return (CreateResult<ServiceCreated>)errors.ToProblem();
        }

        if (await session.LoadAsync<Organisation>(organisationId, cancellationToken) is not { } organisation)
        {
            return StreamWrites.NotFound("No such organisation.");
        }

        var now = http.Now();
        var paidBy = await FundingStreamCodes.CheckAsync<FundingStream>(session, errors, "fundingStream", request.FundingStream, DateOnly.FromDateTime(now.UtcDateTime),
            cancellationToken);
        if (errors.Any)
        {
            return (CreateResult<ServiceCreated>)errors.ToProblem();
        }

        return await session.StartAsync<PartnerService, ServiceCreated>(http, $"add-service:{organisationId}", request,
            id => Decide(organisation, id, service, paidBy, http.User.Actor(), now), id => $"/services/{id}", id => new ServiceCreated(id),
            cancellationToken);
    }
}
