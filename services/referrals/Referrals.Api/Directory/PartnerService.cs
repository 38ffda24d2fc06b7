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
    /// <summary>The code of the funding stream that pays for the service (and the referrals to it), when one does.</summary>
    public string? FundingStream { get; init; }

    public static PartnerService Create(PartnerServiceAdded e)
    {
        return new(e.ServiceId, e.OrganisationId, e.Name, e.Description, e.Category, e.Languages, e.Eligibility, e.Capacity, e.ResponseHours,
            e.AddedAt, e.AddedAt, Version: 1)
        {
            FundingStream = e.FundingStream,
        };
    }
}

public sealed record PartnerServiceAdded(
    Guid ServiceId, Guid OrganisationId, string Name, string Description, NeedDomain Category, IReadOnlyList<string> Languages,
    string? Eligibility, int? Capacity, int ResponseHours, string AddedBy, DateTimeOffset AddedAt)
{
    public string? FundingStream { get; init; }
}

internal static class PartnerServices
{
    /// <summary>Thirty days: a longer promise to answer is no promise.</summary>
    public const int MaxResponseHours = 720;

    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<PartnerService>(SnapshotLifecycle.Inline);
        options.Schema.For<PartnerService>()
            .Duplicate(service => service.OrganisationId)
            .Duplicate(service => service.Category)
            .GinIndexJsonData();
    }
}
