namespace Integration.Eventing;

/// <summary>
/// Marks an integration message as handled by one consumer. Saved in the same Marten transaction
/// as the consumer's own changes, so a message is applied once however often it is delivered.
/// </summary>
public sealed record ProcessedMessage(string Id, string Consumer, Guid MessageId, DateTimeOffset ProcessedAt)
{
    public static string IdFor(string consumer, Guid messageId) => $"{consumer}:{messageId:N}";
}
