using System.Text.Json;
using Integration.Eventing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integration.Platform.Tests;

/// <summary>
/// A request PostgreSQL went away under (a restart, a failover, a cut connection) answers 503
/// <c>database_unavailable</c> with <c>Retry-After</c>, never 500; other database errors are not
/// mistaken for it. (The running system's test, FaultInjectionTests, ends every connection; Marten's
/// retries usually bridge that, so the answer is tested here on the exceptions themselves.)
/// </summary>
public sealed class DatabaseUnavailableTests
{
    public static TheoryData<Exception> Unavailable() => new()
    {
        new InvalidOperationException("wrapped as Marten wraps it", new NpgsqlException("Exception while reading from stream", new EndOfStreamException())),
        new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task a_database_that_went_away_is_a_503_problem_saying_when_to_retry(Exception exception)
    {
        var (handled, http) = await HandleAsync(exception);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body);
        Assert.Equal("database_unavailable", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task other_database_errors_are_left_to_the_other_handlers()
    {
        var (handled, _) = await HandleAsync(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"));

        Assert.False(handled);
    }

    private static async Task<(bool Handled, HttpContext Http)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        var handler = new DatabaseUnavailableExceptionHandler(services.GetRequiredService<IProblemDetailsService>());
        return (await handler.TryHandleAsync(http, exception, CancellationToken.None), http);
    }
}
