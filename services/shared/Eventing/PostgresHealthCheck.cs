using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Integration.Eventing;

internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL is not reachable.", exception);
        }
    }
}
