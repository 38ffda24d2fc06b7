using Integration.Eventing;

namespace Integration.Mediators.Pool;

/// <summary>What a mediator can be booked for (docs/api.md): health, mental health, school, legal, social services, employment.</summary>
public enum Specialism { Health, MentalHealth, School, Legal, SocialServices, Employment }

public enum MediationMode { InPerson, Phone, Video }

/// <summary>A language a mediator works in: an ISO 639 code and, where it matters, a dialect ("Moroccan", "Levantine").</summary>
public sealed record MediatorLanguage(string Code, string? Dialect);

/// <summary>
/// A mediator of the shared pool, folded inline from their stream. <see cref="LanguageCodes"/> is
/// what matching filters on (GIN-indexed); <see cref="UserId"/> is the token subject with which
/// the mediator signs in and sees their own bookings.
/// </summary>
public sealed record Mediator(
    Guid Id,
    string Name,
    IReadOnlyList<MediatorLanguage> Languages,
    IReadOnlyList<string> LanguageCodes,
    IReadOnlyList<Specialism> Specialisms,
    IReadOnlyList<MediationMode> Modes,
    Guid? OrganisationId,
    string? UserId,
    bool Active,
    WeeklyAvailability? Availability,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastModified,
    int Version) : IStreamReadModel
{
    public static Mediator Create(MediatorRegistered e)
    {
        return new(e.MediatorId, e.Name, e.Languages, [.. e.Languages.Select(language => language.Code).Distinct(StringComparer.Ordinal)],
            e.Specialisms, e.Modes, e.OrganisationId, e.UserId, Active: true, Availability: null, e.RegisteredAt, e.RegisteredAt, Version: 1);
    }

    public Mediator Apply(AvailabilitySet e) => this with { Availability = e!.Availability, LastModified = e.SetAt };

    public Mediator Apply(MediatorDeactivated e) => this with { Active = false, LastModified = e!.At };

    public Mediator Apply(MediatorReactivated e) => this with { Active = true, LastModified = e!.At };

    public Mediator Apply(MediatorShared e) => this with { LastModified = e!.At };

    public bool Speaks(string code, string? dialect) =>
        Languages.Any(language => language.Code == code && (dialect is null || string.Equals(language.Dialect, dialect, StringComparison.OrdinalIgnoreCase)));
}

// Domain events of the mediator stream. Marten stores their type names: never rename.

public sealed record MediatorRegistered(
    Guid MediatorId,
    string Name,
    IReadOnlyList<MediatorLanguage> Languages,
    IReadOnlyList<Specialism> Specialisms,
    IReadOnlyList<MediationMode> Modes,
    Guid? OrganisationId,
    string? UserId,
    string RegisteredBy,
    DateTimeOffset RegisteredAt);

public sealed record AvailabilitySet(Guid MediatorId, WeeklyAvailability Availability, string SetBy, DateTimeOffset SetAt);

public sealed record MediatorDeactivated(Guid MediatorId, string Reason, string By, DateTimeOffset At);

public sealed record MediatorReactivated(Guid MediatorId, string By, DateTimeOffset At);

/// <summary>The mediator joined another tenant's pool under the same id, with one calendar for both.</summary>
public sealed record MediatorShared(Guid MediatorId, string TenantId, string By, DateTimeOffset At);
