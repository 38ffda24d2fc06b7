using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Duplicates.Listing;

/// <summary>A pair to decide, as the queue lists it: ids and why they matched, no personal data.</summary>
internal sealed record DuplicatePairView(
    Guid PairId, IReadOnlyList<Guid> ClientIds, double Score, IReadOnlyList<string> MatchedOn, DateTimeOffset FlaggedAt, DuplicateSource Source,
    IReadOnlyList<string> Offices)
{
    public static DuplicatePairView Of(DuplicatePair pair)
    {
        return new(pair.Id, pair.ClientIds, pair.Score, pair.MatchedOn, pair.FlaggedAt, pair.Source, pair.Offices);
    }
}

internal static class ListingDuplicates
{
    public static RouteHandlerBuilder MapListDuplicates(this IEndpointRouteBuilder duplicates) =>
        duplicates.MapGet("/", HandleAsync)
            .WithName("ListDuplicates")
            .RequireAuthorization(IntakeRoles.Duplicates);

    /// <summary>
    /// <c>GET /duplicates?office=&amp;page=&amp;pageSize=</c>: the open pairs, most likely first. Coordinators
    /// see every office's (<c>office</c> narrows to pairs with a record there); case workers the pairs
    /// whose two records are both of their office.
    /// </summary>
    private static async Task<Results<Ok<ListPage<DuplicatePairView>>, ValidationProblem>> HandleAsync(
        string? office, int? page, int? pageSize, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        errors.OptionalText("office", office, ClientValidation.MaxTextLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var pairs = session.Query<DuplicatePair>().Where(pair => pair.Status == DuplicatePairStatus.Open);
        if (!http.User.SeesAllOffices())
        {
            var own = http.User.Office() ?? "";
            pairs = pairs.Where(pair => pair.SingleOffice == own);
        }
        else if (!string.IsNullOrWhiteSpace(office))
        {
            pairs = pairs.Where(pair => pair.Offices.Contains(office));
        }

        var total = await pairs.CountAsync(cancellationToken);
        var found = await pairs.OrderByDescending(pair => pair.Score).ThenBy(pair => pair.FlaggedAt).ThenBy(pair => pair.Id)
            .Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ListPage<DuplicatePairView>([.. found.Select(DuplicatePairView.Of)], request.Page, request.PageSize, total));
    }
}
