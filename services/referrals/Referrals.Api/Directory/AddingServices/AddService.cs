using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Directory.AddingServices;

internal sealed record AddServiceRequest(
    string? Name, string? Description, NeedDomain? Category, IReadOnlyList<string>? Languages, string? Eligibility, int? Capacity,
    int? ResponseHours);

public sealed record ServiceCreated(Guid ServiceId);

/// <summary><c>POST /organisations/{id}/services</c>: a coordinator adds what a partner organisation offers.</summary>
internal static class AddingService
{
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
        else if (request.ResponseHours is < 1 or > PartnerServices.MaxResponseHours)
        {
            errors.Add("responseHours", $"Between 1 and {PartnerServices.MaxResponseHours}.");
        }

        return errors;
    }

    public static PartnerServiceAdded Decide(Organisation organisation, Guid id, AddServiceRequest request, string by, DateTimeOffset now)
    {
        return new PartnerServiceAdded(id, organisation.Id, request.Name!.Trim(), request.Description?.Trim() ?? "", request.Category!.Value,
            [.. (request.Languages ?? []).Distinct(StringComparer.Ordinal)], DirectoryValidation.Trimmed(request.Eligibility), request.Capacity,
            request.ResponseHours!.Value, by, now);
    }

    public static RouteHandlerBuilder MapAddService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/organisations/{organisationId:guid}/services", HandleAsync)
            .WithName("AddService")
            .WithTags("Partner directory")
            .RequireAuthorization(ReferralsRoles.Coordination)
            .Produces<ServiceCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(Guid organisationId, AddServiceRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (Validate(request) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (await session.LoadAsync<Organisation>(organisationId, cancellationToken) is not { } organisation)
        {
            return StreamWrites.NotFound("No such organisation.");
        }

        return await session.StartAsync<PartnerService>(http, $"add-service:{organisationId}", request,
            id => Decide(organisation, id, request, http.User.Actor(), http.Now()), id => $"/services/{id}", id => new ServiceCreated(id),
            cancellationToken);
    }
}
