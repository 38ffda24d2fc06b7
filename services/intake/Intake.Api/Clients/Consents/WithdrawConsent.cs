using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Consents;

internal sealed record WithdrawConsentRequest(string? Reason);

/// <summary>A withdrawal as parsed: the reason, when one is given.</summary>
internal sealed record WithdrawConsent(string? Reason);

internal static class WithdrawingConsent
{
    public static Parsed<WithdrawConsent> Parse(WithdrawConsentRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.OptionalText("reason", request?.Reason, ClientValidation.MaxNoteLength);
        return errors.Any ? errors : new WithdrawConsent(reason);
    }

    /// <summary>Only a consent in force can be withdrawn; withdrawal reaches every service through the relay.</summary>
    public static ConsentWithdrawn Decide(Client client, Guid consentId, string? reason, string by, DateTimeOffset now)
    {
        var consent = client.FindConsent(consentId)
            ?? throw new DomainRuleViolated(ProblemCodes.NotFound, "The client has no consent with this id.", StatusCodes.Status404NotFound);
        var status = consent.StatusAt(now);
        if (status != ConsentStatus.Active)
        {
            throw DomainRuleViolated.Conflict("consent_not_active", $"The consent is {status.ToString().ToLowerInvariant()}.",
                new Dictionary<string, object?> { ["status"] = status });
        }

        return new ConsentWithdrawn(client.Id, consentId, reason, by, now);
    }

    public static RouteHandlerBuilder MapWithdrawConsent(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/consents/{consentId:guid}/withdraw", HandleAsync)
            .WithName("WithdrawConsent")
            .RequireAuthorization(IntakeRoles.RecordConsent);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, Guid consentId, WithdrawConsentRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body ?? new WithdrawConsentRequest(null), Parse,
            withdrawal => session.WriteClientAsync(http, clientId, client => Decide(client, consentId, withdrawal.Reason, http.Actor(), http.Now()),
                cancellationToken));
}
