using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Consents.Listing;

/// <summary>A client's consent as the API shows it.</summary>
internal sealed record ConsentReferenceView(
    Guid Id, Guid ClientId, string Purpose, Guid? RecipientOrganisationId, string? RecipientServiceCategory, IReadOnlyList<string> DataCategories,
    DateTimeOffset GivenAt, DateTimeOffset? ExpiresAt, string Status, DateTimeOffset? EndedAt, int Version, Guid? MergedFromClientId)
{
    public static ConsentReferenceView Of(ConsentReference consent) =>
        new(consent.Id, consent.ClientId, consent.Purpose, consent.RecipientOrganisationId, consent.RecipientServiceCategory, consent.DataCategories,
            consent.GivenAt, consent.ExpiresAt, consent.Status, consent.EndedAt, consent.Version, consent.MergedFromClientId);
}

/// <summary>
/// <c>GET /clients/{id}/consents</c>: the consents referrals holds for a client, oldest first. A client of
/// another office, or one referrals does not know yet, is a 404 for those who work with one office.
/// </summary>
internal static class ListingConsentReferences
{
    public static RouteHandlerBuilder MapListConsentReferences(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/clients/{clientId:guid}/consents", HandleAsync)
            .WithName("ListConsentReferences")
            .WithTags("Client references")
            .RequireAuthorization(ReferralsRoles.CaseWorkOrCoordination);

    private static async Task<Results<Ok<List<ConsentReferenceView>>, NotFoundProblem>> HandleAsync(Guid clientId, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.User.SeesAllOffices()
            && (await session.LoadAsync<ClientReference>(clientId, cancellationToken) is not { } client || !http.User.WorksWithOffice(client.Office)))
        {
            return StreamWrites.NotFound("No client with this id.");
        }

        var consents = await session.Query<ConsentReference>().Where(consent => consent.ClientId == clientId)
            .OrderBy(consent => consent.GivenAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(consents.Select(ConsentReferenceView.Of).ToList());
    }
}
