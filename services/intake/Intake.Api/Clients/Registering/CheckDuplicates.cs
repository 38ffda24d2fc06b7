using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Clients.Matching;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Registering;

/// <summary>Body of <c>POST /clients/duplicate-check</c>: what a desk knows before registering.</summary>
internal sealed record DuplicateCheckRequest(
    string? GivenName, string? FamilyName, IReadOnlyList<string>? OtherNames, DateOnly? DateOfBirth, bool? DateOfBirthIsApproximate,
    string? Nationality, Sex? Sex);

/// <summary>A duplicate check as parsed: the person as the desk describes them, the names as a registration stores them (matching folds them).</summary>
internal sealed record CheckDuplicates(MatchSubject Subject);

public sealed record DuplicateCheckResult(IReadOnlyList<DuplicateCandidate> Candidates);

internal static class CheckingDuplicates
{
    public static Parsed<CheckDuplicates> Parse(DuplicateCheckRequest request, DateOnly today)
    {
        // The names as a registration would store them (composed, trimmed, no invisible characters), so the check
        // compares what the register will hold and refuses what the registration would refuse.
        var errors = new FieldErrors();
        var givenName = ClientValidation.Name(errors, "givenName", request.GivenName);
        var familyName = ClientValidation.Name(errors, "familyName", request.FamilyName);
        ClientValidation.Names(errors, "otherNames", request.OtherNames);
        if (request.DateOfBirth is not null)
        {
            ClientValidation.DateOfBirth(errors, request.DateOfBirth, today);
        }

        if (request.Nationality is not null && !IsoCodes.IsCountry(request.Nationality.ToUpperInvariant()))
        {
            errors.Add("nationality", "Not an ISO 3166-1 alpha-2 country code (for example SY, UA, ER).", FieldErrorCodes.NotACountry);
        }

        return errors.Any || (givenName, familyName) is not ({ } given, { } family)
            ? errors
            : new CheckDuplicates(new MatchSubject(given, family, [.. (request.OtherNames ?? []).Select(ClientValidation.NameAsStored)], request.DateOfBirth,
                request.DateOfBirthIsApproximate ?? false, request.Nationality is null ? [] : [request.Nationality.ToUpperInvariant()],
                request.Sex ?? Sex.Unknown));
    }

    public static RouteHandlerBuilder MapCheckDuplicates(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/duplicate-check", HandleAsync)
            .WithName("CheckDuplicates")
            .RequireAuthorization(IntakeRoles.Register);

    private static async Task<Results<Ok<DuplicateCheckResult>, ValidationProblem>> HandleAsync(
        DuplicateCheckRequest request, DuplicateFinder duplicates, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!Parse(request, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).TryGet(out var check, out var errors))
        {
            return errors.ToProblem();
        }

        var candidates = await duplicates.FindAsync(session.TenantId, check.Subject, cancellationToken);
        AccessLogging.Record(session, http.User, "CheckDuplicates", candidates.Select(candidate => candidate.ClientId), clock.GetUtcNow());
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DuplicateCheckResult(DuplicateCandidate.ShownTo(http.User, candidates)));
    }
}
