using Npgsql;
using Xunit;

namespace Integration.Testing;

/// <summary>
/// Looks for a person's data the way someone with a database dump would: every row of every table
/// in a schema (events, snapshots, documents, projections, progress and dead letters alike), read as
/// text, searched for each value. Finds data whatever column or json property it sits in.
/// </summary>
public static class PersonalDataScan
{
    /// <summary>"schema.table: value" for every table that holds a value; empty when none does.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(string connectionString, string schema, IReadOnlyCollection<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'", connection))
        {
            list.Parameters.AddWithValue(schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(tables);
        var found = new List<string>();
        foreach (var table in tables)
        {
            foreach (var value in values)
            {
                await using var search = new NpgsqlCommand(
                    $"select exists (select 1 from \"{schema}\".\"{table}\" as row where row::text ilike '%' || $1 || '%')", connection);
                search.Parameters.AddWithValue(value);
                if ((bool)(await search.ExecuteScalarAsync())!)
                {
                    found.Add($"{schema}.{table}: {value}");
                }
            }
        }

        return found;
    }
}
