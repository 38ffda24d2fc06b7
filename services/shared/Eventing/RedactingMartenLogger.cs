using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integration.Eventing;

/// <summary>
/// Marten's command log without parameter values: Marten's default logger writes every parameter
/// of every command at Debug, and parameters are clients' names, dates of birth and document
/// numbers. This one writes the SQL text (parameterised) and, on failure, only the exception's type.
/// </summary>
internal sealed partial class RedactingMartenLogger(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger, IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options)
    {
        options.Logger(this);
    }

    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => LogSchemaChange(logger, sql);

    public void LogSuccess(NpgsqlCommand command) => LogExecuted(logger, command?.CommandText ?? "");

    public void LogSuccess(NpgsqlBatch batch)
    {
        foreach (var command in batch.BatchCommands)
        {
            LogExecuted(logger, command.CommandText);
        }
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => LogFailed(logger, command?.CommandText ?? "", ex?.GetType().Name ?? "");

    public void LogFailure(NpgsqlBatch batch, Exception ex)
    {
        LogFailed(logger, string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(command => command.CommandText)), ex?.GetType().Name ?? "");
    }

    public void LogFailure(Exception ex, string message) => LogFailed(logger, message, ex?.GetType().Name ?? "");

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marten changed the schema: {Sql}")]
    private static partial void LogSchemaChange(ILogger logger, string sql);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Marten executed: {Sql}")]
    private static partial void LogExecuted(ILogger logger, string sql);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marten command failed ({ExceptionType}): {Sql}")]
    private static partial void LogFailed(ILogger logger, string sql, string exceptionType);
}
