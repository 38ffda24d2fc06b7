using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Vocabulary;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Integration.Intake.Statistics;

/// <summary>
/// The coordinator's figures as facts, one row each: a registration, a need with its domain, a need resolved with its outcome, a case closed
/// with its outcome, each with the office the client was at then and the day (UTC). A fact holds no
/// personal data, so an erasure leaves the counts as they were; a record merged into another stops
/// counting as a registration (the person registered once) and counts again when the merge is undone.
/// <c>statistics_clients_v2</c> keeps each client's office as transfers move it, so a fact is filed
/// under the office of its day. Async (run by the daemon, which builds it from the first event when its
/// tables are new): the figures may trail the desks by a moment, and a registration writes nothing more. Every row is its tenant's
/// (<c>tenant_id</c> leads each key); version 2 added it, in tables of their own (<c>_v2</c>), so version 1's can be dropped.
/// </summary>
public sealed partial class StatisticsProjection : EventProjection
{
    public const string ClientTable = "statistics_clients_v2";
    public const string FactTable = "statistics_facts_v2";

    /// <summary>What a fact counts (its <c>kind</c>).</summary>
    public const string RegistrationKind = "registration", NeedKind = "need", ResolvedNeedKind = "need_resolved", ClosedCaseKind = "case_closed";

    private readonly string clients;
    private readonly string facts;

    public StatisticsProjection(string schema)
    {
        Version = 2;
        clients = $"{schema}.{ClientTable}";
        facts = $"{schema}.{FactTable}";

        var client = new Table(new PostgresqlObjectName(schema, ClientTable, SchemaUtils.IdentifierUsage.General));
        client.AddColumn<string>("tenant_id").AsPrimaryKey();
        client.AddColumn<Guid>("client_id").AsPrimaryKey();
        client.AddColumn<string>("office").NotNull();
        client.AddColumn<string>("registered_office").NotNull();
        client.AddColumn("registered_day", "date").NotNull();

        var fact = new Table(new PostgresqlObjectName(schema, FactTable, SchemaUtils.IdentifierUsage.General));
        fact.AddColumn<string>("tenant_id").AsPrimaryKey();
        fact.AddColumn<Guid>("fact_id").AsPrimaryKey();
        fact.AddColumn<string>("kind").NotNull();
        fact.AddColumn<string>("office").NotNull();
        fact.AddColumn("day", "date").NotNull();
        fact.AddColumn<string>("key").NotNull();
        fact.AddColumn<Guid>("subject");
        fact.Indexes.Add(new IndexDefinition($"ix_{FactTable}_day") { Columns = ["tenant_id", "day", "kind"] });
        fact.Indexes.Add(new IndexDefinition($"ix_{FactTable}_office_day") { Columns = ["tenant_id", "office", "day", "kind"] });

        SchemaObjects.Add(client);
        SchemaObjects.Add(fact);
    }

    public void Project(ClientRegistered e, IDocumentOperations operations)
    {
        var office = e.Office ?? "";
        var day = Day(e.RegisteredAt);
        operations.QueueSqlCommand(
            $"""
            insert into {clients} (tenant_id, client_id, office, registered_office, registered_day) values (?, ?, ?, ?, ?::date)
            on conflict (tenant_id, client_id) do nothing
            """,
            operations.TenantId, e.ClientId, office, office, day);
        operations.QueueSqlCommand(
            $"insert into {facts} (tenant_id, fact_id, kind, office, day, key) values (?, ?, ?, ?, ?::date, '') on conflict (tenant_id, fact_id) do nothing",
            operations.TenantId, e.ClientId, RegistrationKind, office, day);
    }

    public void Project(CaseTransferred e, IDocumentOperations operations) =>
        operations.QueueSqlCommand($"update {clients} set office = ? where tenant_id = ? and client_id = ?", e.ToOffice, operations.TenantId, e.ClientId);

    public void Project(NeedAdded e, IDocumentOperations operations) =>
        CountAtClientsOffice(operations, e.NeedId, NeedKind, e.ClientId, Day(e.AddedAt), VocabularyNames.Name(e.Domain), e.NeedId);

    public void Project(NeedResolved e, IDocumentOperations operations) =>
        CountAtClientsOffice(operations, DeterministicIds.From($"need-resolved:{e.NeedId}"), ResolvedNeedKind, e.ClientId, Day(e.ResolvedAt),
            VocabularyNames.Name(e.Outcome), e.NeedId);

    /// <summary>Every closing counts, a case reopened and closed again twice: each is work done and an outcome reached.</summary>
    public void Project(IEvent<CaseClosed> e, IDocumentOperations operations) =>
        CountAtClientsOffice(operations, e.Id, ClosedCaseKind, e.Data.ClientId, Day(e.Data.ClosedAt), VocabularyNames.Name(e.Data.Outcome), subject: null);

    public void Project(ClientMerged e, IDocumentOperations operations) =>
        operations.QueueSqlCommand($"delete from {facts} where tenant_id = ? and fact_id = ? and kind = ?", operations.TenantId, e.ClientId, RegistrationKind);

    public void Project(ClientUnmerged e, IDocumentOperations operations) =>
        operations.QueueSqlCommand(
            $"""
            insert into {facts} (tenant_id, fact_id, kind, office, day, key)
            select tenant_id, client_id, ?, registered_office, registered_day, '' from {clients} where tenant_id = ? and client_id = ?
            on conflict (tenant_id, fact_id) do nothing
            """,
            RegistrationKind, operations.TenantId, e.ClientId);

    /// <summary>Files a fact under the client's office of the moment; a client registered before this projection existed is under "".</summary>
    private void CountAtClientsOffice(IDocumentOperations operations, Guid factId, string kind, Guid clientId, DateOnly day, string key, Guid? subject) =>
        operations.QueueSqlCommand(
            $"""
            insert into {facts} (tenant_id, fact_id, kind, office, day, key, subject)
            select ?, ?, ?, coalesce((select office from {clients} where tenant_id = ? and client_id = ?), ''), ?::date, ?, ?::uuid
            on conflict (tenant_id, fact_id) do nothing
            """,
            operations.TenantId, factId, kind, operations.TenantId, clientId, day, key, (object?)subject ?? DBNull.Value);

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}

/// <summary>A need some referral answers (from referrals' activity): a need resolved without one was met at the desk.</summary>
public sealed record ReferredNeed(Guid Id, Guid ClientId);
