using Integration.Eventing;
using Integration.Intake.Households;
using Integration.Intake.Offices;
using Integration.ServiceDefaults;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Transferring;

/// <summary>Body of <c>POST /clients/{id}/transfer</c>.</summary>
internal sealed record TransferCaseRequest(string? Office, string? Reason);

/// <summary>A transfer as parsed: the office the case moves to, and the reason.</summary>
internal sealed record TransferCase(string Office, string Reason);

/// <summary>
/// A coordinator moves a case to another office (the person moved to another town). A family moves
/// together: when the client belongs to a household, every member's case and the household move in
/// the same transaction, so no household spans two offices. The old office loses sight of the case
/// (office scoping); both offices stay on the timeline.
/// </summary>
internal static class TransferringCase
{
    public static Parsed<TransferCase> Parse(TransferCaseRequest request, ConfiguredOffices offices)
    {
        var errors = new FieldErrors();
        var office = errors.RequireText("office", request.Office, ClientValidation.MaxTextLength);
        if (office is not null)
        {
            // Only a configured office: the coordinator's own token office is no office a desk works at.
            offices.Check(errors, "office", office);
        }

        var reason = errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors.Any || (office, reason) is not ({ } to, { } why) ? errors : new TransferCase(to, why);
    }

    public static CaseTransferred Decide(Client client, TransferCase transfer, string by, DateTimeOffset now)
    {
        if (client.Office == transfer.Office)
        {
            throw DomainRuleViolated.Conflict("same_office", $"The case is already at {transfer.Office}.");
        }

        return new CaseTransferred(client.Id, client.Office, transfer.Office, transfer.Reason, by, now);
    }

    public static RouteHandlerBuilder MapTransferCase(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/transfer", HandleAsync)
            .WithName("TransferCase")
            .RequireAuthorization(IntakeRoles.Transfer);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid clientId, TransferCaseRequest request, IDocumentSession session, ConfiguredOffices offices, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request, offices).TryGet(out var transfer, out var errors))
        {
            return errors.ToProblem();
        }

        var current = await session.LoadAsync<Client>(clientId, cancellationToken);
        if (!http.User.Admits(current, out var refusal))
        {
            return refusal;
        }

        var household = current.HouseholdId is { } householdId ? await session.Events.FetchForWriting<Household>(householdId, cancellationToken) : null;
        var relatives = new List<IEventStream<Client>>();
        foreach (var member in household?.Aggregate?.Members.Where(member => member.ClientId != clientId) ?? [])
        {
            relatives.Add(await session.Events.FetchForWriting<Client>(member.ClientId, cancellationToken));
        }

        return await session.WriteAsync<Client>(http, clientId, client =>
            {
                var transferred = Decide(client, transfer, http.Actor(), http.Now());
                household?.AppendOne(new HouseholdOfficeChanged(household.Id, transferred.ToOffice, transferred.TransferredAt));
                foreach (var relative in relatives.Where(relative => relative.Aggregate is { Erasure: null } other && other.Office != transferred.ToOffice))
                {
                    relative.AppendOne(transferred with { ClientId = relative.Id, FromOffice = relative.Aggregate!.Office });
                }

                return [transferred];
            }, cancellationToken);
    }
}
