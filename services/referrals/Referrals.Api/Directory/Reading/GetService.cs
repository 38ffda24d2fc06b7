using Integration.Eventing;

namespace Integration.Referrals.Directory.Reading;

/// <summary>A partner's service as the API shows it.</summary>
internal sealed record PartnerServiceView(
    Guid Id, Guid OrganisationId, string Name, string Description, NeedDomain Category, IReadOnlyList<string> Languages, string? Eligibility,
    int? Capacity, int ResponseHours, DateTimeOffset AddedAt, DateTimeOffset LastModified, int Version)
{
    /// <summary>The code of the funding stream that pays for the service, when one does.</summary>
    public string? FundingStream { get; init; }

    public static PartnerServiceView Of(PartnerService service) =>
        new(service.Id, service.OrganisationId, service.Name, service.Description, service.Category, service.Languages, service.Eligibility,
            service.Capacity, service.ResponseHours, service.AddedAt, service.LastModified, service.Version)
        {
            FundingStream = service.FundingStream,
        };
}

/// <summary><c>GET /services/{id}</c>: one service of the directory.</summary>
internal static class GettingService
{
    public static RouteHandlerBuilder MapGetService(this IEndpointRouteBuilder services) =>
        services.MapGetById<PartnerService, PartnerServiceView>("GetService", PartnerServiceView.Of);
}
