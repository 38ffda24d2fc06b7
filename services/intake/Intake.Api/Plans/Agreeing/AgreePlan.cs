using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Plans.Agreeing;

/// <summary>Body of <c>POST /clients/{id}/plans/{planId}/agree</c>: when, in which language it was explained, and that the person signed.</summary>
internal sealed record AgreePlanRequest(DateOnly? AgreedOn, string? Language, bool? SignedByClient, string? Note);

/// <summary>
/// An agreement as parsed, signed by the person: when, the language it was explained in (as stored),
/// and the note when there is one.
/// </summary>
internal sealed record AgreePlan(DateOnly AgreedOn, string Language, string? Note);

/// <summary>
/// The person and the case worker sign the current version. The case worker who records the
/// agreement signs for the one-stop-shop. The first review falls due three months later (or at the
/// end, if sooner); each review sets the next.
/// </summary>
internal static class AgreeingPlan
{
    public const int FirstReviewAfterMonths = 3;

    public static Parsed<AgreePlan> Parse(AgreePlanRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var agreedOn = PlanWrites.PastDate(errors, "agreedOn", request.AgreedOn, now, "An agreement");

        if (!IsoCodes.IsLanguage(request.Language?.ToLowerInvariant()))
        {
            errors.Add("language", "The language the plan was explained in, as an ISO 639 code (for example ar, uk, ti).");
        }

        if (request.SignedByClient != true)
        {
            errors.Add("signedByClient", "A plan is agreed only when the person has signed it.");
        }

        var note = errors.OptionalText("note", request.Note, Clients.ClientValidation.MaxNoteLength);
        return errors.Any || (agreedOn, request.Language) is not ({ } agreed, { } language)
            ? errors
            : new AgreePlan(agreed, language.ToLowerInvariant(), note);
    }

    public static PlanAgreed Decide(Plan plan, AgreePlan agreement, string by, DateTimeOffset now)
    {
        PlanWrites.NotOver(plan);
        if (plan.Status == PlanStatus.Agreed)
        {
            throw DomainRuleViolated.Conflict("plan_already_agreed", $"Version {plan.PlanVersionNumber} of the plan is already agreed.");
        }

        var firstReview = agreement.AgreedOn.AddMonths(FirstReviewAfterMonths);
        return new PlanAgreed(plan.Id, plan.ClientId, plan.PlanVersionNumber, agreement.AgreedOn, agreement.Language, SignedByClient: true,
            SignedByCaseWorker: true, agreement.Note, by, now)
        {
            NextReviewOn = firstReview < plan.EndsOn ? firstReview : plan.EndsOn,
        };
    }

    public static RouteHandlerBuilder MapAgreePlan(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/plans/{planId:guid}/agree", HandleAsync)
            .WithName("AgreePlan")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, Guid planId, AgreePlanRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, request => Parse(request, http.Now()),
            agreement => session.WritePlanAsync(http, clientId, planId, plan => Decide(plan, agreement, http.Actor(), http.Now()), cancellationToken));
}
