using Integration.Referrals.Funding.Listing;
using Integration.Referrals.Funding.Reading;
using Integration.Referrals.Funding.Registering;
using Integration.Referrals.Funding.Reporting;

namespace Integration.Referrals.Funding;

/// <summary>The funding streams' routes, each use case in its own file (<c>Registering/RegisterFundingStream.cs</c>…).</summary>
internal static class FundingEndpoints
{
    public static IEndpointRouteBuilder MapFunding(this IEndpointRouteBuilder endpoints)
    {
        var streams = endpoints.MapGroup("/funding-streams").WithTags("Funding");
        streams.MapRegisterFundingStream();
        streams.MapListFundingStreams();
        streams.MapGetFundingStream();
        endpoints.MapReportFunding();
        return endpoints;
    }
}
