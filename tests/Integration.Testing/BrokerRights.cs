namespace Integration.Testing;

/// <summary>
/// What one service's RabbitMQ user may do, as deploy/rabbitmq/permissions.tsv lists it: RabbitMQ's
/// configure, write and read permissions, each a regular expression over exchange and queue names.
/// </summary>
public sealed record BrokerRights(string Service, string Configure, string Write, string Read)
{
    public static IReadOnlyList<BrokerRights> OfServices() =>
    [
        .. File.ReadLines(Repository.PathTo("deploy", "rabbitmq", "permissions.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(fields => fields.Length == 4
                ? new BrokerRights(fields[0], fields[1], fields[2], fields[3])
                : throw new InvalidOperationException($"deploy/rabbitmq/permissions.tsv: \"{string.Join('\t', fields)}\" is not service, configure, write and read.")),
    ];
}
