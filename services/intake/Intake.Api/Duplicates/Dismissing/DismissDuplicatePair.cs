using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Duplicates.Dismissing;

/// <summary>Body of <c>POST /duplicates/{pairId}/not-the-same</c>: why the two records are two people.</summary>
internal sealed record DismissDuplicatePairRequest(string? Reason);

/// <summary>A dismissal as parsed: why the two records are two people.</summary>
internal sealed record DismissDuplicatePair(string Reason);

internal static class DismissingDuplicatePair
{
    public static Parsed<DismissDuplicatePair> Parse(DismissDuplicatePairRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors.Any || reason is not { } why ? errors : new DismissDuplicatePair(why);
    }

    /// <summary>A pair is decided once: deciding it again is a conflict, not a second record.</summary>
    public static DuplicatePairDismissed Decide(DuplicatePair pair, DismissDuplicatePair dismissal, string by, DateTimeOffset now)
    {
        if (pair.Status != DuplicatePairStatus.Open)
        {
            throw DomainRuleViolated.Conflict("already_decided", "This pair was already decided.");
        }

        return new DuplicatePairDismissed(pair.Id, dismissal.Reason, by, now);
    }

    public static RouteHandlerBuilder MapDismissDuplicatePair(this IEndpointRouteBuilder duplicates) =>
        duplicates.MapPost("/{pairId:guid}/not-the-same", HandleAsync)
            .WithName("DismissDuplicatePair")
            .RequireAuthorization(IntakeRoles.Duplicates);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid pairId, DismissDuplicatePairRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var pair = await session.LoadAsync<DuplicatePair>(pairId, cancellationToken);
        if (pair is null || !http.User.MayDecide(pair))
        {
            return StreamWrites.NotFound("No duplicate pair with this id.");
        }

        if (!Parse(request).TryGet(out var dismissal, out var errors))
        {
            return errors.ToProblem();
        }

        return await session.WriteAsync<DuplicatePair>(http, pairId, current => Decide(current, dismissal, http.Actor(), http.Now()), cancellationToken);
    }
}
