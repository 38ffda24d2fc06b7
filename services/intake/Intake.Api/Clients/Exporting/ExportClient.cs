using System.Net.Http.Headers;
using System.Text.Json;
using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Clients.History;
using Integration.Intake.Clients.Reading;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Exporting;

/// <summary>
/// A subject access export: everything the system holds about one person. Intake's part (profile
/// with legal status history, consents, needs and case; every change; every read of their data)
/// and, under their service's name, what each other service holds.
/// </summary>
internal sealed record ClientExport(
    Guid ClientId, DateTimeOffset ExportedAt, string ExportedBy, ClientView Profile, IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<AccessRecord> AccessLog, IReadOnlyDictionary<string, JsonElement> Services);

/// <summary>
/// The one synchronous fan-out of the system: intake asks each service holding client data for its
/// part (<c>GET /clients/{id}/export</c>, with the caller's own token, so each service checks the
/// role itself) through the standard resilience pipeline, tightened: 10 s in all, 3 s per attempt,
/// two retries with jittered back-off on transient failures, and a circuit breaker per service. A service that does
/// not answer makes the whole export a 503 naming it: a partial export would look complete.
/// </summary>
public sealed class ServiceExports(IHttpClientFactory clients)
{
    public static readonly IReadOnlyList<string> Services = ["referrals", "mediators"];

    public static void Register(WebApplicationBuilder builder)
    {
        foreach (var service in Services)
        {
            var address = builder.Configuration[$"Services:{service}"];
            builder.Services.AddHttpClient(ClientName(service), client =>
                {
                    if (Uri.TryCreate(address, UriKind.Absolute, out var baseAddress))
                    {
                        client.BaseAddress = baseAddress;
                    }
                });

            // Every client gets the standard resilience handler (ServiceDefaults); an export waits less than its defaults.
            builder.Services.Configure<HttpStandardResilienceOptions>($"{ClientName(service)}-standard", options =>
            {
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.CircuitBreaker.MinimumThroughput = 5;
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
            });
        }

        builder.Services.AddSingleton<ServiceExports>();
    }

    /// <summary>Each service's part, or the names of the services that did not give it.</summary>
    public async Task<(IReadOnlyDictionary<string, JsonElement> Parts, IReadOnlyList<string> Missing)> CollectAsync(
        Guid clientId, AuthenticationHeaderValue? caller, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(Services.Select(async service => (service, part: await PartAsync(service, clientId, caller, cancellationToken))));
        return (answers.Where(answer => answer.part is not null).ToDictionary(answer => answer.service, answer => answer.part!.Value),
            [.. answers.Where(answer => answer.part is null).Select(answer => answer.service)]);
    }

    private async Task<JsonElement?> PartAsync(string service, Guid clientId, AuthenticationHeaderValue? caller, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(ClientName(service));
        if (http.BaseAddress is null)
        {
            return null;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"clients/{clientId}/export");
            request.Headers.Authorization = caller;
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken) : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException or JsonException)
        {
            return null;
        }
    }

    private static string ClientName(string service) => $"export-{service}";
}

internal static class ExportingClient
{
    public static RouteHandlerBuilder MapExportClient(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/export", HandleAsync)
            .WithName("ExportClient")
            .RequireAuthorization(IntakeRoles.Export);

    private static Task<Results<Ok<ClientExport>, AccessRefusal, UnavailableProblem>> HandleAsync(Guid clientId, IDocumentSession session,
        ServiceExports exports, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        GatherAsync(clientId, "ExportClient", session, exports, clock, http, cancellationToken);

    /// <summary>
    /// Everything held about the client, the other services' parts included, with the read recorded
    /// under <paramref name="endpoint"/>; or why not (404 for another office's client, 503 naming a
    /// service that did not answer: a partial export would look complete).
    /// </summary>
    public static async Task<Results<Ok<ClientExport>, AccessRefusal, UnavailableProblem>> GatherAsync(Guid clientId, string endpoint, IDocumentSession session,
        ServiceExports exports, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var client = await session.LoadAsync<Client>(clientId, cancellationToken);
        if (!http.User.Admits(client, out var refusal))
        {
            return refusal;
        }

        var caller = AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var header) ? header : null;
        var (parts, missing) = await exports.CollectAsync(clientId, caller, cancellationToken);
        if (missing.Count > 0)
        {
            http.Response.Headers.RetryAfter = "30";
            return new UnavailableProblem($"The export is incomplete: {string.Join(", ", missing)} did not answer. Nothing partial is given out; try again later.",
                "export_incomplete", new Dictionary<string, object?> { ["missing"] = missing });
        }

        var now = clock.GetUtcNow();
        var history = (await session.Events.FetchStreamAsync(clientId, token: cancellationToken)).Select(GettingHistory.Describe).ToList();
        var accessLog = await session.Query<AccessRecord>().Where(record => record.ClientId == clientId).OrderBy(record => record.At)
            .ToListAsync(cancellationToken);
        AccessLogging.Record(session, http.User, endpoint, [clientId], now);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ClientExport(clientId, now, http.User.Actor(), ClientView.From(client!, now), history, accessLog, parts));
    }
}
