using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// A table per store that finds clients without scanning them: phonetic and date keys under a GIN
/// index for duplicate checks and name search, trigrams of the folded name for typos, dates and
/// document numbers. Kept by an inline projection, so it changes in the same transaction as the
/// client's events and a registration is findable the moment it is answered. Every row is its tenant's (<c>tenant_id</c>, the store's
/// tenant id, leads the key), and every lookup is confined to one tenant.
/// </summary>
public sealed partial class ClientIndexProjection : EventProjection
{
    public const string TableName = "client_index";
    private readonly string table;

    public ClientIndexProjection(string schema)
    {
        table = $"{schema}.{TableName}";
        var definition = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        // Rows written before tenancy are the default tenant's.
        definition.AddColumn<string>("tenant_id").AsPrimaryKey().NotNull().DefaultValueByString(JasperFx.StorageConstants.DefaultTenantId);
        definition.AddColumn<Guid>("client_id").AsPrimaryKey();
        definition.AddColumn<string>("given_name").NotNull();
        definition.AddColumn<string>("family_name").NotNull();
        definition.AddColumn("other_names", "text[]").NotNull();
        definition.AddColumn<string>("name_folded").NotNull();
        definition.AddColumn("match_keys", "text[]").NotNull();
        definition.AddColumn("date_of_birth", "date").NotNull();
        definition.AddColumn<bool>("date_of_birth_is_approximate").NotNull();
        definition.AddColumn<string>("sex").NotNull();
        definition.AddColumn("nationalities", "text[]").NotNull();
        definition.AddColumn("document_numbers", "text[]").NotNull();
        definition.AddColumn("permit_valid_until", "date");
        definition.AddColumn<string>("office");
        definition.AddColumn("registered_at", "timestamptz").NotNull();
        definition.AddColumn<string>("assigned_to");
        definition.AddColumn<int>("keys_version").NotNull().DefaultValueByExpression("0");
        definition.AddColumn<Guid>("merged_into");
        definition.Indexes.Add(WithoutPendingList(new IndexDefinition($"ix_{TableName}_match_keys") { Method = IndexMethod.gin, Columns = ["match_keys"] }));
        definition.Indexes.Add(WithoutPendingList(new IndexDefinition($"ix_{TableName}_name_trigrams")
        {
            Method = IndexMethod.gin,
            Columns = ["name_folded"],
            Mask = "? gin_trgm_ops",
        }));
        definition.Indexes.Add(new IndexDefinition($"ix_{TableName}_document_numbers") { Method = IndexMethod.gin, Columns = ["document_numbers"] });
        definition.Indexes.Add(new IndexDefinition($"ix_{TableName}_date_of_birth") { Columns = ["date_of_birth"] });
        definition.Indexes.Add(new IndexDefinition($"ix_{TableName}_permit_valid_until") { Columns = ["permit_valid_until"] });
        definition.Indexes.Add(new IndexDefinition($"ix_{TableName}_registered_at") { Columns = ["registered_at", "client_id"] });
        definition.Indexes.Add(new IndexDefinition($"ix_{TableName}_assigned_to") { Columns = ["assigned_to"] });
        definition.Indexes.Add(new IndexDefinition($"ix_{TableName}_client_id") { Columns = ["client_id"] });
        SchemaObjects.Add(new Extension("pg_trgm"));
        SchemaObjects.Add(definition);
    }

    /// <summary>
    /// GIN's pending list makes inserts cheaper but every lookup scans it; a desk's duplicate check
    /// must stay fast while registrations keep arriving, so entries go straight into the index.
    /// </summary>
    private static IndexDefinition WithoutPendingList(IndexDefinition index)
    {
        index.StorageParameters["fastupdate"] = "off";
        return index;
    }

    public void Project(ClientRegistered e, IDocumentOperations operations)
    {
        var subject = e.ToMatchSubject();
        operations.QueueSqlCommand(
            $"""
            insert into {table} (tenant_id, client_id, given_name, family_name, other_names, name_folded, match_keys, keys_version, date_of_birth,
                date_of_birth_is_approximate, sex, nationalities, document_numbers, permit_valid_until, office, registered_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?, ?, ?::date, ?::text, ?)
            on conflict (tenant_id, client_id) do nothing
            """,
            operations.TenantId, e.ClientId, e.GivenName, e.FamilyName, e.OtherNames.ToArray(), ClientIndex.FoldedName(subject),
            MatchKeys.ForStoredClient(subject).ToArray(), MatchKeys.Version, e.DateOfBirth, e.DateOfBirthIsApproximate, e.Sex.ToString(),
            e.Nationalities.ToArray(), DocumentNumbers(e.LegalStatus), (object?)e.LegalStatus?.ValidUntil ?? DBNull.Value,
            (object?)e.Office ?? DBNull.Value, e.RegisteredAt);
    }

    public void Project(LegalStatusChanged e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand(
            $"""
            update {table}
            set document_numbers = array(select distinct unnest(document_numbers || ?::text[])),
                permit_valid_until = ?::date
            where tenant_id = ? and client_id = ?
            """,
            DocumentNumbers(e.LegalStatus), (object?)e.LegalStatus.ValidUntil ?? DBNull.Value, operations.TenantId, e.ClientId);
    }

    /// <summary>A corrected identity is found under its new names and date, and matched against them.</summary>
    public void Project(IdentityCorrected e, IDocumentOperations operations)
    {
        var subject = e.ToMatchSubject();
        operations.QueueSqlCommand(
            $"""
            update {table}
            set given_name = ?, family_name = ?, other_names = ?, name_folded = ?, match_keys = ?, keys_version = ?, date_of_birth = ?::date,
                date_of_birth_is_approximate = ?, sex = ?, nationalities = ?
            where tenant_id = ? and client_id = ?
            """,
            e.GivenName, e.FamilyName, e.OtherNames.ToArray(), ClientIndex.FoldedName(subject), MatchKeys.ForStoredClient(subject).ToArray(),
            MatchKeys.Version, e.DateOfBirth, e.DateOfBirthIsApproximate, e.Sex.ToString(), e.Nationalities.ToArray(), operations.TenantId, e.ClientId);
    }

    public void Project(CaseTransferred e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand($"update {table} set office = ? where tenant_id = ? and client_id = ?", e.ToOffice, operations.TenantId, e.ClientId);
    }

    public void Project(CaseWorkerAssigned e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand($"update {table} set assigned_to = ? where tenant_id = ? and client_id = ?", e.CaseWorker.Id, operations.TenantId,
            e.ClientId);
    }

    /// <summary>A record merged into another is found no more, by search or by the duplicate check, until it is unmerged.</summary>
    public void Project(ClientMerged e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand($"update {table} set merged_into = ? where tenant_id = ? and client_id = ?", e.SurvivorId, operations.TenantId,
            e.ClientId);
    }

    public void Project(ClientUnmerged e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand($"update {table} set merged_into = null where tenant_id = ? and client_id = ?", operations.TenantId, e.ClientId);
    }

    /// <summary>The survivor is found by the duplicate's names too, and by them no more after an unmerge.</summary>
    public void Project(ClientAbsorbed e, IDocumentOperations operations)
    {
        Rename(e.ClientId, e.Identity, operations);
    }

    public void Project(ClientSplitOff e, IDocumentOperations operations)
    {
        Rename(e.ClientId, e.Identity, operations);
    }

    private void Rename(Guid clientId, MergedIdentity identity, IDocumentOperations operations)
    {
        var subject = identity.ToMatchSubject();
        operations.QueueSqlCommand(
            $"update {table} set other_names = ?, name_folded = ?, match_keys = ?, keys_version = ? where tenant_id = ? and client_id = ?",
            identity.OtherNames.ToArray(), ClientIndex.FoldedName(subject), MatchKeys.ForStoredClient(subject).ToArray(), MatchKeys.Version,
            operations.TenantId, clientId);
    }

    /// <summary>An erased client can no longer be found, by search or by the duplicate check.</summary>
    public void Project(ClientErased e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand($"delete from {table} where tenant_id = ? and client_id = ?", operations.TenantId, e.ClientId);
    }

    private static string[] DocumentNumbers(LegalStatusDetails? status) =>
        status?.DocumentNumber is { } number ? [ClientIndex.NormaliseDocumentNumber(number)] : [];
}

public sealed record IndexedClient(
    Guid ClientId, string GivenName, string FamilyName, IReadOnlyList<string> OtherNames, DateOnly DateOfBirth,
    bool DateOfBirthIsApproximate, Sex Sex, IReadOnlyList<string> Nationalities, string? Office, DateTimeOffset RegisteredAt)
{
    public MatchSubject ToMatchSubject() =>
        new(GivenName, FamilyName, OtherNames, DateOfBirth, DateOfBirthIsApproximate, Nationalities, Sex);
}

public sealed record ClientSearch(string? Text, DateOnly? DateOfBirth, string? DocumentNumber, int? PermitExpiringWithinDays)
{
    /// <summary>The tenant searched (the store's tenant id of the caller's session).</summary>
    public required string Tenant { get; init; }

    /// <summary>Only clients registered at this office; null for every office.</summary>
    public string? Office { get; init; }

    public ClientOrder Order { get; init; } = ClientOrder.Relevance;

    /// <summary>Only the cases this case worker is responsible for (<c>?assignedTo=me</c>); null for all.</summary>
    public string? AssignedTo { get; init; }
}

/// <summary>Orders of a client search (<c>?sort=</c>): best match first (the default; newest first without a name), by family name, or newest first.</summary>
public enum ClientOrder { Relevance, Name, Registered }

/// <summary>Reads the index with plain SQL, in the database of the tenant asked about.</summary>
public sealed class ClientIndex(TenantDatabases databases, string schema, int maxRankedMatches = ClientIndex.DefaultMaxRankedMatches)
{
    private const string Columns =
        "client_id, given_name, family_name, other_names, date_of_birth, date_of_birth_is_approximate, sex, nationalities, office, registered_at";

    /// <summary>How many name matches are ranked at most (<c>Search:MaxRankedMatches</c>); beyond it the total is reported as capped.</summary>
    public const int DefaultMaxRankedMatches = 1000;

    private string Table => $"{schema}.{ClientIndexProjection.TableName}";

    public static string FoldedName(MatchSubject subject)
    {
        return NameFolding.Fold(string.Join(' ', new[] { subject.GivenName, subject.FamilyName }.Concat(subject.OtherNames)));
    }

    /// <summary>Upper case letters and digits only: "ab 123-45" and "AB12345" are one document.</summary>
    public static string NormaliseDocumentNumber(string number) =>
        new([.. (number ?? "").ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);

    /// <summary>
    /// Re-keys the next <paramref name="batch"/> clients of <paramref name="tenant"/> after <paramref name="after"/> (in id order,
    /// along the primary key) whose keys an earlier <see cref="MatchKeys.Version"/> derived, from the
    /// row's own names and date, and folds its name again (the trigram fallback compares it with queries folded the current
    /// way). Returns the last id read, or null past the end. A row that a
    /// registration or correction re-keyed meanwhile is left alone.
    /// </summary>
    public async Task<Guid?> RefreshKeysAsync(string tenant, Guid after, int batch, CancellationToken cancellationToken)
    {
        var dataSource = await databases.ForAsync(tenant);
        await using var select = dataSource.CreateCommand(
            $"select {Columns}, keys_version from {Table} where tenant_id = $3 and client_id > $1 order by client_id limit $2");
        select.Parameters.Add(new NpgsqlParameter { Value = after });
        select.Parameters.Add(new NpgsqlParameter { Value = batch });
        select.Parameters.Add(new NpgsqlParameter { Value = tenant });
        var versions = new List<int>();
        var read = await ReadAsync(select, cancellationToken, reader => versions.Add(reader.GetInt32(10)));
        if (read.Count == 0)
        {
            return null;
        }

        var stale = read.Where((_, index) => versions[index] < MatchKeys.Version).ToList();
        if (stale.Count > 0)
        {
            await using var update = dataSource.CreateCommand(
                $"""
                update {Table} as client
                set match_keys = string_to_array(fresh.keys, chr(31)), name_folded = fresh.folded, keys_version = $3
                from unnest($1::uuid[], $2::text[], $4::text[]) as fresh(client_id, keys, folded)
                where client.tenant_id = $5 and client.client_id = fresh.client_id and client.keys_version < $3
                """);
            update.Parameters.Add(new NpgsqlParameter { Value = stale.Select(client => client.ClientId).ToArray() });
            update.Parameters.Add(new NpgsqlParameter
            {
                Value = stale.Select(client => string.Join('\u001f', MatchKeys.ForStoredClient(client.ToMatchSubject()))).ToArray(),
            });
            update.Parameters.Add(new NpgsqlParameter { Value = MatchKeys.Version });
            update.Parameters.Add(new NpgsqlParameter { Value = stale.Select(client => FoldedName(client.ToMatchSubject())).ToArray() });
            update.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return read[^1].ClientId;
    }

    /// <summary>
    /// The records of <paramref name="tenant"/> sharing most keys with the registration, best first. A row's keys are distinct, so counting
    /// those in the query's array is the size of the intersection, at half the cost of a set intersection per row.
    /// The lookup goes through the GIN index whatever the table's size: PostgreSQL costs an overlap with a
    /// long array like one comparison, so on a table of a few thousand rows it preferred to scan them all and
    /// compare every row's keys with the check's 80 (72 ms instead of 3 ms, and a registration's slowest step).
    /// Turning the scan off for this one statement, in the batch's own transaction, leaves every other query alone.
    /// </summary>
    public async Task<IReadOnlyList<IndexedClient>> CandidatesAsync(string tenant, IReadOnlyList<string> keys, int limit, CancellationToken cancellationToken)
    {
        var dataSource = await databases.ForAsync(tenant);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select set_config('enable_seqscan', 'off', true)"));
        var candidates = new NpgsqlBatchCommand(
            $"""
            select {Columns}
            from {Table}
            where match_keys && $1 and merged_into is null and tenant_id = $3
            order by (select count(*) from unnest(match_keys) as key where key = any($1)) desc, registered_at
            limit $2
            """);
        candidates.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        candidates.Parameters.Add(new NpgsqlParameter { Value = limit });
        candidates.Parameters.Add(new NpgsqlParameter { Value = tenant });
        batch.BatchCommands.Add(candidates);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await ReadAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Names are looked up by their phonetic tokens (every query token must match, so transliterations
    /// are found). Only when that finds nobody, trigram similarity of the folded name takes over, which
    /// finds typos that change a consonant; it is the slower lookup and the rarer need.
    /// </summary>
    public async Task<ListPage<IndexedClient>> SearchAsync(ClientSearch search, PageRequest page, DateOnly today, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(search.Text))
        {
            return await SearchAsync(search, NameMatch.None, page, today, cancellationToken);
        }

        if (MatchKeys.ForSearch(search.Text).Count > 0
            && await SearchAsync(search, NameMatch.PhoneticTokens, page, today, cancellationToken) is { Total: > 0 } phonetic)
        {
            return phonetic;
        }

        return await SearchAsync(search, NameMatch.Trigrams, page, today, cancellationToken);
    }

    private enum NameMatch { None, PhoneticTokens, Trigrams }

    private async Task<ListPage<IndexedClient>> SearchAsync(ClientSearch search, NameMatch nameMatch, PageRequest page, DateOnly today,
        CancellationToken cancellationToken)
    {
        var where = new List<string> { "merged_into is null" };
        var order = "registered_at desc, client_id";
        var dataSource = await databases.ForAsync(search.Tenant);
        await using var command = dataSource.CreateCommand();
        string Parameter(object value, NpgsqlDbType? type = null)
        {
            var parameter = new NpgsqlParameter { Value = value };
            if (type is { } dbType)
            {
                parameter.NpgsqlDbType = dbType;
            }

            command.Parameters.Add(parameter);
            return $"${command.Parameters.Count}";
        }

        if (nameMatch != NameMatch.None)
        {
            var text = Parameter(NameFolding.Fold(search.Text));
            where.Add(nameMatch == NameMatch.PhoneticTokens
                ? $"match_keys @> {Parameter(MatchKeys.ForSearch(search.Text!).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}"
                : $"name_folded % {text}");
            order = $"similarity(name_folded, {text}) desc, registered_at desc, client_id";
        }

        order = search.Order switch
        {
            ClientOrder.Name => "lower(family_name), lower(given_name), client_id",
            ClientOrder.Registered => "registered_at desc, client_id",
            _ => order,
        };

        where.Add($"tenant_id = {Parameter(search.Tenant)}");

        if (search.DateOfBirth is { } born)
        {
            where.Add($"date_of_birth = {Parameter(born)}");
        }

        if (!string.IsNullOrWhiteSpace(search.DocumentNumber))
        {
            where.Add($"document_numbers @> array[{Parameter(NormaliseDocumentNumber(search.DocumentNumber))}]");
        }

        if (search.Office is { } office)
        {
            where.Add($"office = {Parameter(office)}");
        }

        if (search.AssignedTo is { } caseWorker)
        {
            where.Add($"assigned_to = {Parameter(caseWorker)}");
        }

        if (search.PermitExpiringWithinDays is { } days)
        {
            where.Add($"permit_valid_until between {Parameter(today)} and {Parameter(today.AddDays(days))}");
        }

        var filter = where.Count == 0 ? "" : "where " + string.Join(" and ", where);
        // A name that thousands of clients share ranks only its first matches: the desk narrows
        // with a date of birth or document number, and the reply says the total is capped.
        var source = nameMatch == NameMatch.None ? Table : $"(select * from {Table} {filter} limit {maxRankedMatches + 1}) as matches";
        command.CommandText = $"""
            select {Columns}, count(*) over () as total
            from {source}
            {(nameMatch == NameMatch.None ? filter : "")}
            order by {order}
            offset {Parameter(page.Skip)} limit {Parameter(page.PageSize)}
            """;
        long total = 0;
        var items = await ReadAsync(command, cancellationToken, reader => total = reader.GetInt64(10));
        if (items.Count == 0 && page.Page > 1)
        {
            total = await CountAsync(dataSource, command, source, nameMatch == NameMatch.None ? filter : "", cancellationToken);
        }

        return total > maxRankedMatches
            ? new ListPage<IndexedClient>([.. items.Take(Math.Max(0, maxRankedMatches - page.Skip))], page.Page, page.PageSize, maxRankedMatches)
            {
                TotalIsCapped = true,
            }
            : new ListPage<IndexedClient>(items, page.Page, page.PageSize, total);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, NpgsqlCommand search, string source, string filter, CancellationToken cancellationToken)
    {
        await using var count = dataSource.CreateCommand($"select count(*) from {source} {filter}");
        foreach (NpgsqlParameter parameter in search.Parameters.Take(search.Parameters.Count - 2))
        {
            count.Parameters.Add(parameter.Clone());
        }

        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IReadOnlyList<IndexedClient>> ReadAsync(
        NpgsqlCommand command, CancellationToken cancellationToken, Action<NpgsqlDataReader>? extra = null)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, cancellationToken, extra);
    }

    private static async Task<IReadOnlyList<IndexedClient>> ReadAsync(
        NpgsqlDataReader reader, CancellationToken cancellationToken, Action<NpgsqlDataReader>? extra = null)
    {
        var results = new List<IndexedClient>();
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(new IndexedClient(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetBoolean(5), Enum.Parse<Sex>(reader.GetString(6)),
                reader.GetFieldValue<string[]>(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
            extra?.Invoke(reader);
        }

        return results;
    }
}
