using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Directory;

/// <summary>
/// A partner organisation of the directory (owned by referrals), as far as intake needs it: plans
/// name the organisation responsible for an action, and the printed agreement names it.
/// </summary>
public sealed record KnownOrganisation(Guid Id, string Name);

internal static class KnownOrganisations
{
    /// <summary>
    /// Adds a field error for each organisation named that the directory does not have. Intake learns the
    /// directory from referrals' <c>OrganisationRegistered</c> events, so one registered a moment ago may
    /// not be known yet; the message says to try again.
    /// </summary>
    public static async Task<FieldErrors> CheckAsync(IQuerySession session, IReadOnlyList<(string Field, Guid OrganisationId)> named,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (named.Count == 0)
        {
            return errors;
        }

        var known = (await session.LoadManyAsync<KnownOrganisation>(cancellationToken, named.Select(name => name.OrganisationId).Distinct()))
            .Select(organisation => organisation.Id).ToHashSet();
        foreach (var (field, organisationId) in named.Where(name => !known.Contains(name.OrganisationId)))
        {
            errors.Add(field, "No partner organisation with this id in the directory (one registered a moment ago may take a few seconds to arrive).",
                FieldErrorCodes.UnknownOrganisation);
        }

        return errors;
    }
}

internal sealed class OrganisationRegisteredConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<ReferralEvents.OrganisationRegistered>(store, clock)
{
    protected override Task ApplyAsync(ReferralEvents.OrganisationRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new KnownOrganisation(message.OrganisationId, message.Name));
        return Task.CompletedTask;
    }
}
