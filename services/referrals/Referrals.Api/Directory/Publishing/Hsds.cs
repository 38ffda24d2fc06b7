using Integration.Eventing;
using System.Text.Json.Serialization;
using Integration.ServiceDefaults;

namespace Integration.Referrals.Directory.Publishing;

// The partner directory as the Open Referral HSDS 3.0 API (openreferral/specification,
// schema/openapi.json and schema/compiled/*.json): snake_case fields, absent rather than null,
// uuids for every id, paged lists in HSDS's envelope. Published information only: no personal data.

public sealed record HsdsOrganization(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description)
{
    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; init; }

    [JsonPropertyName("website")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Website { get; init; }

    /// <summary>Only on a single organisation (organization.json); lists carry one-to-one fields only (organization_list.json).</summary>
    [JsonPropertyName("services")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HsdsService>? Services { get; init; }

    public static HsdsOrganization From(Organisation organisation)
    {
        return new(organisation.Id, organisation.Name, organisation.Description) { Email = organisation.Email, Website = organisation.Website };
    }
}

public sealed record HsdsLanguage(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("code")] string Code);

public sealed record HsdsService(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_modified")] DateTimeOffset LastModified)
{
    [JsonPropertyName("eligibility_description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EligibilityDescription { get; init; }

    /// <summary>Only on a single service (service.json); service_list.json has no languages.</summary>
    [JsonPropertyName("languages")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HsdsLanguage>? Languages { get; init; }

    [JsonPropertyName("organization")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HsdsOrganization? Organization { get; init; }

    public static HsdsService From(PartnerService service, Organisation? organisation, bool full)
    {
        return new(service.Id, service.OrganisationId, service.Name, service.Description, "active", service.LastModified)
        {
            EligibilityDescription = service.Eligibility,
            Languages = full
                ? [.. service.Languages.Select(code => new HsdsLanguage(Hsds.LanguageId(service.Id, code), service.Id,
                    IsoCodes.LanguageName(code) ?? code, code))]
                : null,
            Organization = organisation is null ? null : HsdsOrganization.From(organisation),
        };
    }
}

public sealed record HsdsPage<T>(
    [property: JsonPropertyName("total_items")] long TotalItems,
    [property: JsonPropertyName("total_pages")] long TotalPages,
    [property: JsonPropertyName("page_number")] int PageNumber,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("first_page")] bool FirstPage,
    [property: JsonPropertyName("last_page")] bool LastPage,
    [property: JsonPropertyName("empty")] bool Empty,
    [property: JsonPropertyName("contents")] IReadOnlyList<T> Contents);

internal static class Hsds
{
    public static HsdsPage<T> Page<TSource, T>(ListPage<TSource> page, IReadOnlyList<T> contents)
    {
        var totalPages = (page.Total + page.PageSize - 1) / page.PageSize;
        return new HsdsPage<T>(page.Total, totalPages, page.Page, contents.Count, page.Page == 1, page.Page >= totalPages, page.Total == 0, contents);
    }

    /// <summary>HSDS wants a uuid for each language entry; derived from service and code so it stays stable.</summary>
    public static Guid LanguageId(Guid serviceId, string code) => DeterministicIds.From($"{serviceId:N}:{code}");
}
