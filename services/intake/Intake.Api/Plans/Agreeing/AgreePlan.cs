using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Plans.Agreeing;

/// <summary>Body of <c>POST /clients/{id}/plans/{planId}/agree</c>: when, in which language it was explained, and that the person signed.</summary>
internal sealed record AgreePlanRequest(DateOnly? AgreedOn, string? Language, bool? SignedByClient, string? Note);

/// <summary>
/// The person and the case worker sign the current version. The case worker who records the
/// agreement signs for the one-stop-shop. The first review falls due three months later (or at the
/// end, if sooner); each review sets the next.
/// </summary>
internal static class AgreeingPlan
{
    public const int FirstReviewAfterMonths = 3;

    public static FieldErrors Validate(AgreePlanRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        PlanWrites.PastDate(errors, "agreedOn", request.AgreedOn, now, "An agreement");

        if (!IsoCodes.IsLanguage(request.Language?.ToLowerInvariant()))
        {
            errors.Add("language", "The language the plan was explained in, as an ISO 639 code (for example ar, uk, ti).");
        }

        if (request.SignedByClient != true)
        {
            errors.Add("signedByClient", "A plan is agreed only when the person has signed it.");
        }

        errors.OptionalText("note", request.Note, Clients.ClientValidation.MaxNoteLength);
        return errors;
    }

    public static PlanAgreed Decide(Plan plan, AgreePlanRequest request, string by, DateTimeOffset now)
    {
        PlanWrites.NotOver(plan);
        if (plan.Status == PlanStatus.Agreed)
        {
            throw DomainRuleViolated.Conflict("plan_already_agreed", $"Version {plan.PlanVersionNumber} of the plan is already agreed.");
        }

        var agreedOn = request.AgreedOn!.Value;
        var firstReview = agreedOn.AddMonths(FirstReviewAfterMonths);
        return new PlanAgreed(plan.Id, plan.ClientId, plan.PlanVersionNumber, agreedOn, request.Language!.ToLowerInvariant(), SignedByClient: true,
            SignedByCaseWorker: true, Clients.ClientValidation.Trimmed(request.Note), by, now)
        {
            NextReviewOn = firstReview < plan.EndsOn ? firstReview : plan.EndsOn,
        };
    }

    public static RouteHandlerBuilder MapAgreePlan(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/plans/{planId:guid}/agree", HandleAsync)
            .WithName("AgreePlan")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, Guid planId, AgreePlanRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, request => Validate(request, http.Now()),
            request => session.WritePlanAsync(http, clientId, planId, plan => Decide(plan, request, http.Actor(), http.Now()), cancellationToken));
}
