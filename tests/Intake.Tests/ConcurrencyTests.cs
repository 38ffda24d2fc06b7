using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Integration.Eventing;
using Integration.Intake.Clients;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Intake.Tests;

public sealed class ConcurrencyTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task of_two_writes_that_read_the_same_version_one_succeeds_and_the_other_gets_409()
    {
        var race = await RaceTwoWritesAsync(ifMatch: "\"1\"");

        Assert.Equal([StatusCodes.Status204NoContent, StatusCodes.Status409Conflict], race.Statuses);
        Assert.Equal([1, 1], race.DecidedOn);
        Assert.Equal(2, race.Events);
    }

    [Fact]
    public async Task a_write_without_if_match_that_loses_the_race_is_decided_again_on_the_fresh_state()
    {
        var race = await RaceTwoWritesAsync(ifMatch: null);

        Assert.Equal([StatusCodes.Status204NoContent, StatusCodes.Status204NoContent], race.Statuses);
        Assert.Equal([1, 1, 2], race.DecidedOn);
        Assert.Equal(3, race.Events);
    }

    [Fact]
    public async Task concurrent_requests_never_lose_an_update()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact", new { phone = $"+39 02 100000{i}" });
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.True(status is HttpStatusCode.NoContent or HttpStatusCode.Conflict, status.ToString()));
        var history = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/clients/{clientId}/history");
        Assert.Equal(1 + responses.Count(status => status == HttpStatusCode.NoContent), history.GetProperty("total").GetInt64());
    }

    /// <summary>
    /// Two writes of a new client's phone through <see cref="StreamWrites"/> that both hold version 1 before either
    /// appends (each first decision waits for the other): the race the store must settle. Returns the statuses answered,
    /// the versions the decisions were taken on, and how many events the stream holds afterwards.
    /// </summary>
    private async Task<(int[] Statuses, int[] DecidedOn, int Events)> RaceTwoWritesAsync(string? ifMatch)
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());
        var store = intake.Services.GetRequiredService<IDocumentStore>();
        using var bothRead = new Barrier(2);
        var decisions = new ConcurrentBag<int>();

        async Task<int> WriteAsync(string phone)
        {
            await using var session = store.LightweightSession();
            var context = new DefaultHttpContext { RequestServices = intake.Services };
            if (ifMatch is not null)
            {
                context.Request.Headers.IfMatch = ifMatch;
            }

            var attempt = 0;
            var result = await session.WriteAsync<Client>(context, clientId, client =>
            {
                decisions.Add(client.Version);
                if (++attempt == 1)
                {
                    bothRead.SignalAndWait(TimeSpan.FromSeconds(30));
                }

                return [new ContactChanged(client.Id, phone, null, null, "worker", DateTimeOffset.UtcNow)];
            }, CancellationToken.None);
            await result.ExecuteAsync(WithServices(context));
            return context.Response.StatusCode;
        }

        var statuses = await Task.WhenAll(Task.Run(() => WriteAsync("+39 02 1111111")), Task.Run(() => WriteAsync("+39 02 2222222")));
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(clientId);
        return ([.. statuses.Order()], [.. decisions.Order()], events.Count);
    }

    private DefaultHttpContext WithServices(DefaultHttpContext context)
    {
        context.RequestServices = intake.Services;
        context.Response.Body = new MemoryStream();
        return context;
    }
}
