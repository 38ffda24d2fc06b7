namespace Integration.Intake.Contracts;

/// <summary>
/// A client was registered at intake. Published once per registration with the intake event id
/// as message id. Contracts change additively only: add properties, never rename or remove.
/// </summary>
public sealed record ClientRegistered(
    Guid ClientId,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    DateTimeOffset RegisteredAt);
