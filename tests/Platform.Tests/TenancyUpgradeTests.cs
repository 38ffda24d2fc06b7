using Integration.Eventing;
using Integration.Testing;
using Marten;
using Npgsql;
using JasperFx;
using Weasel.Core;

namespace Integration.Platform.Tests;

/// <summary>
/// A store created before tenancy, with events and documents, starts under conjoined tenancy: its event tables get their new keys first
/// (<see cref="EventTablesTenancyUpgrade"/>), Marten converts the rest, and what was stored is read and appended to as before, in the
/// default tenant.
/// </summary>
public sealed class TenancyUpgradeTests
{
    public sealed record Note(Guid Id, string Text);

    public sealed record NoteWritten(string Text);

    [Fact]
    public async Task a_store_from_before_tenancy_converts_on_start_and_keeps_its_events_and_documents()
    {
        var postgres = (await TestInfrastructure.GetAsync()).Postgres;
        var schema = $"tenancy_{Guid.NewGuid():N}"[..20];
        var (streamId, noteId) = (Guid.NewGuid(), Guid.NewGuid());
        using (var before = DocumentStore.For(options =>
        {
            options.Connection(postgres);
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            options.Schema.For<Note>();
        }))
        {
            await using var session = before.LightweightSession();
            session.Events.StartStream(streamId, new NoteWritten("first"));
            session.Store(new Note(noteId, "kept"));
            await session.SaveChangesAsync();
        }

        try
        {
            await using (var dataSource = NpgsqlDataSource.Create(postgres))
            {
                await using var upgrade = dataSource.CreateCommand(EventTablesTenancyUpgrade.Sql(schema));
                await upgrade.ExecuteNonQueryAsync();
            }

            using var after = DocumentStore.For(options =>
            {
                options.Connection(postgres);
                EventStoreExtensions.ApplyDefaults(options, schema);
                options.Schema.For<Note>();
            });
            await after.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

            await using var session = after.LightweightSession();
            Assert.Equal("kept", (await session.LoadAsync<Note>(noteId))?.Text);
            session.Events.Append(streamId, 2, new NoteWritten("second"));
            await session.SaveChangesAsync();
            var events = await session.Events.FetchStreamAsync(streamId);
            Assert.Equal(["first", "second"], events.Select(e => ((NoteWritten)e.Data).Text));
            Assert.All(events, e => Assert.Equal(StorageConstants.DefaultTenantId, e.TenantId));
        }
        finally
        {
            await using var dataSource = NpgsqlDataSource.Create(postgres);
            await using var drop = dataSource.CreateCommand($"drop schema if exists {schema} cascade");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
