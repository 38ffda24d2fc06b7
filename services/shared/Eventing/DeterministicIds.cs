using System.Security.Cryptography;
using System.Text;

namespace Integration.Eventing;

/// <summary>
/// Ids derived from a name, so that every process finds the same stream or document for the same
/// thing without a lookup (a mediator's day, a language entry of a service).
/// </summary>
public static class DeterministicIds
{
    /// <summary>A version-8 (custom) uuid from the SHA-256 of <paramref name="name"/>.</summary>
    public static Guid From(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
