using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Directory.ListingFundingStreams;

/// <summary>A funding stream as a desk chooses it for a plan action or a booking: its code, name and the days it runs.</summary>
public sealed record FundingStreamChoice(string Code, string Name, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>
/// <c>GET /funding-streams</c>: the funding streams intake knows from referrals, by code, a page at a time, for the staff who name
/// one on a plan action or a booking (referrals' own list is the coordinators').
/// </summary>
internal static class ListingFundingStreams
{
    public static RouteHandlerBuilder MapListFundingStreams(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/funding-streams", HandleAsync)
            .WithName("ListKnownFundingStreams")
            .WithTags("Funding")
            .RequireAuthorization(IntakeRoles.ReadClients);

    private static async Task<Results<Ok<ListPage<FundingStreamChoice>>, ValidationProblem>> HandleAsync(int? page, int? pageSize, IQuerySession session,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var found = await session.Query<KnownFundingStream>().OrderBy(stream => stream.Code).ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(new ListPage<FundingStreamChoice>(
            [.. found.Items.Select(stream => new FundingStreamChoice(stream.Code, stream.Name, stream.StartsOn, stream.EndsOn))], found.Page, found.PageSize,
            found.Total));
    }
}
