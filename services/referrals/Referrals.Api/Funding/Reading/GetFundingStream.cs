using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Funding.Reading;

/// <summary><c>GET /funding-streams/{code}</c>: one funding stream, by its code in any case (where a registration's <c>Location</c> points).</summary>
internal static class GettingFundingStream
{
    public static RouteHandlerBuilder MapGetFundingStream(this IEndpointRouteBuilder streams) =>
        streams.MapGet("/{code}", HandleAsync)
            .WithName("GetFundingStream")
            .RequireAuthorization(ReferralsRoles.Coordination);

    private static async Task<Results<Ok<FundingStreamView>, NotFoundProblem>> HandleAsync(string code, IQuerySession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await FundingStreamCodes.FindAsync<FundingStream>(session, code, cancellationToken) is not { } stream)
        {
            return StreamWrites.NotFound(FundingStreams.NoSuchStream);
        }

        http.Response.Headers.ETag = ETags.For(stream.Version);
        return TypedResults.Ok(FundingStreamView.Of(stream));
    }
}
