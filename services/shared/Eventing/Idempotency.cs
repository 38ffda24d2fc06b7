using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Integration.Eventing;

/// <summary>
/// What a create answered for an <c>Idempotency-Key</c>: saved in the same transaction as the
/// create, so a retry with the same key and body gets the same resource, and the same key with a
/// different body is refused.
/// </summary>
public sealed record IdempotencyRecord(string Id, string RequestHash, string Location, string ResponseBody, DateTimeOffset CreatedAt);

public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    /// <summary>
    /// The record id for this caller, operation and key, or null without the header. Keys are per
    /// caller (token subject) and per operation, so two desks cannot collide.
    /// </summary>
    public static string? RecordId(HttpContext http, string operation)
    {
        var key = http.Request.Headers[HeaderName].ToString();
        if (key.Length == 0)
        {
            return null;
        }

        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw new DomainRuleViolated(ProblemCodes.ValidationFailed, $"{HeaderName} must be at most {MaxKeyLength} printable characters.",
                StatusCodes.Status400BadRequest,
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [HeaderName] = ["Too long or not printable."] } });
        }

        return $"{operation}:{http.User.Actor()}:{Hash(key)}";
    }

    public static string RequestHash<TRequest>(TRequest request, JsonSerializerOptions json) =>
        Hash(JsonSerializer.Serialize(request, json));

    /// <summary>The earlier answer for this key, or null when the key is new. Same key, other body: 422.</summary>
    public static async Task<CreatedResult<TBody>?> ReplayAsync<TBody>(IQuerySession session, string? recordId, string requestHash,
        CancellationToken cancellationToken)
    {
        if (recordId is null || await session.LoadAsync<IdempotencyRecord>(recordId, cancellationToken) is not { } record)
        {
            return null;
        }

        if (record.RequestHash != requestHash)
        {
            throw new DomainRuleViolated("idempotency_key_reused",
                $"This {HeaderName} was already used with a different request body.");
        }

        return CreatedResult.Replayed<TBody>(record.Location, record.ResponseBody);
    }

    public static void Remember(IDocumentSession session, string? recordId, string requestHash, string location, object response,
        JsonSerializerOptions json, DateTimeOffset now)
    {
        if (recordId is not null)
        {
            session.Insert(new IdempotencyRecord(recordId, requestHash, location, JsonSerializer.Serialize(response, json), now));
        }
    }

    /// <summary>Another request with the same key committed first (unique violation on the record).</summary>
    public static bool IsKeyTakenMeanwhile(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
