using System.Security.Claims;
using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Duplicates;
using Integration.Intake.Offices;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Registering;

/// <summary>Body of <c>POST /clients</c> (docs/api.md). Nullable so that a missing field is a field error, not a default.</summary>
internal sealed record RegisterClientRequest(
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    IReadOnlyList<string>? OtherNames = null,
    bool? DateOfBirthIsApproximate = null,
    Sex? Sex = null,
    IReadOnlyList<string>? Nationalities = null,
    IReadOnlyList<LanguageSkillRequest>? Languages = null,
    string? PreferredLanguage = null,
    bool? InterpreterRequired = null,
    string? Phone = null,
    string? Email = null,
    AddressRequest? Address = null,
    LegalStatusRequest? LegalStatus = null,
    IReadOnlyList<Vulnerability>? Vulnerabilities = null,
    string? Office = null,
    DuplicateCheckOverrideRequest? DuplicateCheckOverride = null);

internal sealed record DuplicateCheckOverrideRequest(string? Reason);

/// <summary>
/// A registration as parsed: the name, date of birth and office it must have, the reason for overriding
/// the duplicate check when one is given, and the rest of the request, whose fields are optional.
/// </summary>
internal sealed record RegisterClient(string GivenName, string FamilyName, DateOnly DateOfBirth, string Office, string? OverrideReason,
    RegisterClientRequest Details);

public sealed record ClientCreated(Guid ClientId, int Version);

internal static class RegisteringClient
{
    /// <param name="callerOffice">The caller's <c>office</c> claim, used when the body names no office.</param>
    /// <param name="seesAllOffices">Whether the caller may register at another office (coordinators).</param>
    /// <param name="offices">The offices a body may name.</param>
    public static Parsed<RegisterClient> Parse(RegisterClientRequest request, DateOnly today, string? callerOffice, bool seesAllOffices, ConfiguredOffices offices)
    {
        var errors = new FieldErrors();
        var givenName = ClientValidation.Name(errors, "givenName", request.GivenName);
        var familyName = ClientValidation.Name(errors, "familyName", request.FamilyName);
        ClientValidation.Names(errors, "otherNames", request.OtherNames);
        var dateOfBirth = ClientValidation.DateOfBirth(errors, request.DateOfBirth, today);
        ClientValidation.Nationalities(errors, request.Nationalities);
        ClientValidation.Languages(errors, request.Languages, request.PreferredLanguage);
        ClientValidation.Contact(errors, request.Phone, request.Email, request.Address);
        ClientValidation.LegalStatus(errors, "legalStatus.", request.LegalStatus);
        if (request.Vulnerabilities is { Count: > 0 } vulnerabilities && vulnerabilities.Distinct().Count() != vulnerabilities.Count)
        {
            errors.Add("vulnerabilities", "Each vulnerability may appear once.");
        }

        var office = ClientValidation.Office(errors, request.Office, callerOffice, seesAllOffices, offices, "register clients");
        var overrideReason = request.DuplicateCheckOverride is { } duplicateOverride
            ? errors.RequireText("duplicateCheckOverride.reason", duplicateOverride.Reason, ClientValidation.MaxNoteLength)
            : null;
        return errors.Any || (givenName, familyName, dateOfBirth, office) is not ({ } given, { } family, { } born, { } at)
            ? errors
            : new RegisterClient(given, family, born, at, overrideReason, request);
    }

    public static ClientRegistered Decide(Guid clientId, RegisterClient registration, IReadOnlyList<Guid> overriddenCandidates, string registeredBy,
        DateTimeOffset now)
    {
        var request = registration.Details;
        return new ClientRegistered(clientId, registration.GivenName, registration.FamilyName, registration.DateOfBirth, registeredBy, now)
        {
            OtherNames = [.. (request.OtherNames ?? []).Select(ClientValidation.NameAsStored)],
            DateOfBirthIsApproximate = request.DateOfBirthIsApproximate ?? false,
            Sex = request.Sex ?? Sex.Unknown,
            Nationalities = [.. (request.Nationalities ?? []).Select(code => code.ToUpperInvariant()).Distinct()],
            Languages = ClientValidation.ToLanguages(request.Languages),
            PreferredLanguage = request.PreferredLanguage?.ToLowerInvariant(),
            InterpreterRequired = request.InterpreterRequired ?? false,
            Phone = ClientValidation.Trimmed(request.Phone),
            Email = ClientValidation.Trimmed(request.Email),
            Address = ClientValidation.ToAddress(request.Address),
            LegalStatus = ClientValidation.ToLegalStatus(request.LegalStatus),
            Vulnerabilities = request.Vulnerabilities ?? [],
            Office = registration.Office,
            DuplicateOverride = registration.OverrideReason is { } reason ? new DuplicateOverride(reason, overriddenCandidates) : null,
        };
    }

    public static RouteHandlerBuilder MapRegisterClient(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/", HandleAsync)
            .WithName("RegisterClient")
            .RequireAuthorization(IntakeRoles.Register);

    private static async Task<CreateResult<ClientCreated>> HandleAsync(
        RegisterClientRequest request, ClaimsPrincipal user, IDocumentSession session, DuplicateFinder duplicates, ConfiguredOffices offices,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var parsed = Parse(request, DateOnly.FromDateTime(now.UtcDateTime), user.FindFirstValue(IntegrationClaims.Office), user.SeesAllOffices(), offices);
        if (!parsed.TryGet(out var registration, out var errors))
        {
            return errors.ToProblem();
        }

        return await session.StartAsync<Client, ClientCreated>(http, "register-client", request,
            async (_, clientId) =>
            {
                var registered = Decide(clientId, registration, [], user.Actor(), now);
                var candidates = await duplicates.FindAsync(session.TenantId, registered.ToMatchSubject(), cancellationToken);
                if (candidates.Count > 0 && registration.OverrideReason is null)
                {
                    // The refusal shows the candidates (in full to their office): the read is logged although the registration is not saved.
                    await using var log = session.DocumentStore.LightweightSession(session.TenantId);
                    AccessLogging.Record(log, user, "RegisterClient", candidates.Select(candidate => candidate.ClientId), now);
                    await log.SaveChangesAsync(cancellationToken);
                    throw PossibleDuplicate(DuplicateCandidate.ShownTo(user, candidates));
                }

                // Registered despite the candidates: each pair goes to the duplicates queue, in the same transaction.
                foreach (var candidate in registration.OverrideReason is null ? [] : candidates)
                {
                    var pair = DuplicatePair.Flag(candidate.ClientId, candidate.Office, clientId, registered.Office, candidate,
                        DuplicateSource.RegistrationOverride, now);
                    session.Events.StartStream<DuplicatePair>(pair.PairId, pair);
                }

                return [registered with
                {
                    DuplicateOverride = registered.DuplicateOverride is null
                        ? null
                        : registered.DuplicateOverride with { CandidateIds = [.. candidates.Select(c => c.ClientId)] },
                }];
            },
            clientId => $"/clients/{clientId}", clientId => new ClientCreated(clientId, 1), cancellationToken);
    }

    private static DomainRuleViolated PossibleDuplicate(IReadOnlyList<DuplicateCandidate> candidates) =>
        DomainRuleViolated.Conflict("possible_duplicate",
            "This person may already be registered. Check the candidates; register anyway with duplicateCheckOverride.reason.",
            new Dictionary<string, object?> { ["candidates"] = candidates });
}
