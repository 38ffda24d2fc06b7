using Integration.Eventing;
using Integration.Mediators.Pool.Reading;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Pool.Listing;

/// <summary><c>GET /mediators?language=&amp;active=</c>: the pool by name, for coordinators.</summary>
internal static class ListingMediators
{
    public static RouteHandlerBuilder MapListMediators(this RouteGroupBuilder mediators) =>
        mediators.MapGet("/", HandleAsync)
            .WithName("ListMediators")
            .RequireAuthorization(MediatorsRoles.Coordination);

    private static async Task<Results<Ok<ListPage<MediatorView>>, ValidationProblem>> HandleAsync(string? language, bool? active, int? page, int? pageSize, IQuerySession session,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        if (language is not null && !IsoCodes.IsLanguage(language))
        {
            errors.Add("language", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = session.Query<Mediator>().AsQueryable();
        if (language is not null)
        {
            query = query.Where(mediator => mediator.LanguageCodes.Contains(language));
        }

        if (active is { } isActive)
        {
            query = query.Where(mediator => mediator.Active == isActive);
        }

        var found = await query.OrderBy(mediator => mediator.Name).ThenBy(mediator => mediator.Id).ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(new ListPage<MediatorView>([.. found.Items.Select(MediatorView.From)], found.Page, found.PageSize, found.Total));
    }
}
