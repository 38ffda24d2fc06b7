using Integration.Referrals.Clients;
using Marten;

namespace Integration.Referrals.Referrals.Searching;

/// <summary>
/// The partner's inbox searched by a client's name (<c>GET /inbox?q=</c>, beside the service's
/// name). A name finds a referral only while the client's consent shares their identity with the
/// partner: a search must not reveal who a referral is for when the card itself would not.
/// </summary>
internal static class InboxSearch
{
    public const int MaxLength = 100;

    /// <summary>Enough for any one name in one organisation's inbox; a broader search is narrowed by typing more.</summary>
    private const int MaxMatches = 500;

    private static readonly string Identity = VocabularyNames.Name(DataCategory.Identity);

    /// <summary>The organisation's referrals for clients whose names hold every word typed, and whose identity consent shares with it.</summary>
    public static async Task<IReadOnlyList<Guid>> ReferralsNamingAsync(IQuerySession session, Guid organisation, string text, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var clients = session.Query<ClientReference>().Where(client => client.ErasedAt == null);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            clients = clients.Where(client => client.GivenName.Contains(word, StringComparison.OrdinalIgnoreCase)
                || client.FamilyName.Contains(word, StringComparison.OrdinalIgnoreCase));
        }

        Guid[] named = [.. await clients.Select(client => client.Id).Take(MaxMatches).ToListAsync(cancellationToken)];
        if (named.Length == 0)
        {
            return [];
        }

        var referrals = await session.Query<Referral>()
            .Where(referral => referral.OrganisationId == organisation && referral.ClientId.IsOneOf(named))
            .Take(MaxMatches).ToListAsync(cancellationToken);
        var consents = await ConsentCoverage.ForClientsAsync(session, referrals.Select(referral => referral.ClientId).Distinct(), cancellationToken);
        return [.. referrals.Where(referral => ConsentCoverage.SharedCategories(referral, consents, now).Contains(Identity)).Select(referral => referral.Id)];
    }
}
