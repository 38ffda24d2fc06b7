namespace Integration.Portal.Api;

/// <summary>
/// A short reference to a client that can be read out on the phone: the first eight hex digits of
/// their id. Mediators never learn a client's name; the reference lets a mediator and the case
/// worker who shows it in the record's header talk about the same person.
/// </summary>
public static class ClientReferences
{
    public static string ReadAloud(Guid clientId) => clientId.ToString("N")[..8].ToUpperInvariant();
}
