using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Integration.Eventing;

/// <summary>
/// Gives the event tables of a store created before tenancy their conjoined keys (streams on <c>(tenant_id, id)</c>, events' foreign
/// key and stream-version index on the tenant too) before Marten's own migration runs, which then finds nothing left to change there.
/// Marten 9.58 can make that change itself only on paper: its script adds <c>fkey_mt_events_stream_id_tenant_id</c> twice and fails
/// (42710), so every service of an existing deployment would stop at start. Document tables convert as Marten writes them (a
/// <c>tenant_id</c> column defaulting to <c>*DEFAULT*</c>, then the new key). It is the first hosted service; a store already
/// converted, or not created yet, is left alone.
/// </summary>
internal sealed partial class EventTablesTenancyUpgrade(NpgsqlDataSource dataSource, string schema) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql(schema));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The upgrade for one schema; the name goes into SQL as it is, so it must be a plain lower-case identifier.</summary>
    public static string Sql(string schema) => !PlainIdentifier().IsMatch(schema)
        ? throw new ArgumentException($"The event store schema '{schema}' is not a plain identifier (a-z, 0-9, _).", nameof(schema))
        : $$"""
        DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
                     WHERE n.nspname = '{{schema}}' AND c.conname = 'pkey_mt_streams_id') THEN
            ALTER TABLE {{schema}}.mt_streams DROP CONSTRAINT pkey_mt_streams_id CASCADE;
            ALTER TABLE {{schema}}.mt_streams ADD CONSTRAINT pkey_mt_streams_tenant_id_id PRIMARY KEY (tenant_id, id);
            ALTER TABLE {{schema}}.mt_events DROP CONSTRAINT IF EXISTS fkey_mt_events_stream_id;
            ALTER TABLE {{schema}}.mt_events ADD CONSTRAINT fkey_mt_events_stream_id_tenant_id FOREIGN KEY (tenant_id, stream_id)
              REFERENCES {{schema}}.mt_streams (tenant_id, id);
            DROP INDEX IF EXISTS {{schema}}.pk_mt_events_stream_and_version;
            CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON {{schema}}.mt_events USING btree (tenant_id, stream_id, version);
          END IF;
        END $$;
        """;

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex PlainIdentifier();
}
