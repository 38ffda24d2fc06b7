using Integration.Eventing;
using Integration.ServiceDefaults;

namespace Integration.Referrals.Clients.Reading;

/// <summary>
/// What referrals knows of a client, as the API shows it. The merge bookkeeping the record keeps
/// (the needs taken from each duplicate, when the merge last changed) stays inside; an erased
/// client has no date of birth.
/// </summary>
internal sealed record ClientReferenceView(
    Guid Id, string GivenName, string FamilyName, DateOnly? DateOfBirth, DateTimeOffset RegisteredAt, string? Office, ClientContact Contact,
    ClientLanguages Languages, string? LegalStatusCategory, DateOnly? LegalStatusValidUntil, IReadOnlyList<ClientNeed> Needs, int Version,
    DateTimeOffset? ErasedAt, Guid? MergedInto)
{
    public static ClientReferenceView Of(ClientReference client) =>
        new(client.Id, client.GivenName, client.FamilyName, client.ErasedAt is null ? client.DateOfBirth : null, client.RegisteredAt, client.Office, client.Contact, client.Languages,
            client.LegalStatusCategory, client.LegalStatusValidUntil, client.Needs, client.Version, client.ErasedAt, client.MergedInto);
}

/// <summary><c>GET /clients/{id}</c>: a client of the caller's office (any office for coordinators); others are 404 like unknown ones.</summary>
internal static class GettingClientReference
{
    public static RouteHandlerBuilder MapGetClientReference(this IEndpointRouteBuilder clients) =>
        clients.MapGetById<ClientReference, ClientReferenceView>("GetClientReference", ClientReferenceView.Of,
            (user, client) => user.WorksWithOffice(client.Office));
}
