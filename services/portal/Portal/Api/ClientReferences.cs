namespace Integration.Portal.Api;

/// <summary>
/// A short reference to a client that can be read out on the phone: the last eight hex digits of
/// their id, in two groups of four. Mediators never learn a client's name; the reference lets a
/// mediator and the case worker who shows it in the record's header talk about the same person.
/// Client ids are version 7 UUIDs, whose leading digits are the time of registration: the same for
/// everyone registered within the same minute. Their trailing digits are random.
/// </summary>
public static class ClientReferences
{
    public static string ReadAloud(Guid clientId)
    {
        var random = clientId.ToString("N")[^8..].ToUpperInvariant();
        return $"{random[..4]}-{random[4..]}";
    }
}
