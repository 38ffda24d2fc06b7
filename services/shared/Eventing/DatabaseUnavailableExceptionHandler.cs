using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Integration.Eventing;

/// <summary>
/// 503 <c>database_unavailable</c> with <c>Retry-After</c> when PostgreSQL went away under a request
/// (a restart, a failover, a cut connection) and Marten's own retries did not bridge it. The request's
/// transaction did not commit as far as the service knows, so the same request a few seconds later is
/// the right thing to do; a 500 would say the request itself was at fault.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string Code = "database_unavailable";
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database cannot be reached just now; try again in a few seconds.",
                Extensions = { ["code"] = Code },
            },
        });
    }

    /// <summary>
    /// A connection that broke or could not be opened (Npgsql's transient errors), or a server shutting
    /// down or restarting (57P01–57P03), anywhere in the exception's chain (Marten wraps Npgsql's).
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception) =>
        ExceptionChain.Has(exception, current => current is NpgsqlException { IsTransient: true } or PostgresException { SqlState: "57P01" or "57P02" or "57P03" });
}
