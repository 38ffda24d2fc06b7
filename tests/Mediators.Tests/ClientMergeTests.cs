using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Tests;

/// <summary>Intake merged two records of one person: the duplicate's bookings follow to the survivor, and go back at an unmerge.</summary>
public sealed class ClientMergeTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task a_merge_moves_the_duplicates_bookings_to_the_survivor_and_an_unmerge_moves_back_only_those()
    {
        var survivor = Guid.NewGuid();
        var duplicate = Guid.NewGuid();
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await PublishAsync(new IntakeEvents.ClientRegistered(survivor, "Hodan", "Warsame", new DateOnly(1994, 4, 14), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await PublishAsync(new IntakeEvents.ClientRegistered(duplicate, "Hodaan", "Warsame", new DateOnly(1994, 4, 14), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 2);
        await pool.RegisterAsync("tw");
        var ofTheDuplicate = await BookAsync(duplicate, 9);
        var ofTheSurvivor = await BookAsync(survivor, 11);
        using var coordinator = pool.As("coordinator");

        var merges = mediators.Consumes.Completed<IntakeEvents.ClientsMerged>();
        await PublishAsync(new IntakeEvents.ClientsMerged(survivor, duplicate, [], [], DateTimeOffset.UtcNow));
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientsMerged>(merges + 1);

        Assert.Equal(survivor, await ClientOfAsync(coordinator, ofTheDuplicate));
        var moved = await coordinator.GetFromJsonAsync<JsonElement>($"/bookings/{ofTheDuplicate}");
        Assert.True(moved.GetProperty("version").GetInt32() > 1, $"the moved booking's version is {moved.GetProperty("version")}");
        Assert.Equal(2, (await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{survivor}/export")).GetProperty("bookings").GetArrayLength());

        var unmerges = mediators.Consumes.Completed<IntakeEvents.ClientsUnmerged>();
        await PublishAsync(new IntakeEvents.ClientsUnmerged(survivor, duplicate, DateTimeOffset.UtcNow));
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientsUnmerged>(unmerges + 1);

        Assert.Equal(duplicate, await ClientOfAsync(coordinator, ofTheDuplicate));
        Assert.Equal(survivor, await ClientOfAsync(coordinator, ofTheSurvivor));
    }

    [Fact]
    public async Task a_merged_duplicates_bookings_go_to_the_survivors_office_and_back_at_the_unmerge()
    {
        const string Elsewhere = "milan-north";
        var survivor = Guid.NewGuid();
        var duplicate = Guid.NewGuid();
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await PublishAsync(new IntakeEvents.ClientRegistered(survivor, "Ifrah", "Duale", new DateOnly(1996, 6, 16), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await PublishAsync(new IntakeEvents.ClientRegistered(duplicate, "Ifra", "Duale", new DateOnly(1996, 6, 16), DateTimeOffset.UtcNow) { Office = Elsewhere });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 2);
        using var elsewhere = mediators.CreateClient().As("caseworker", office: Elsewhere);
        using var booked = await elsewhere.PostAsJsonAsync("/bookings",
            new { language = "so", start = Pool.Monday(6, 9), durationMinutes = 45, mode = "phone", clientId = duplicate });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
        using var coordinator = pool.As("coordinator");

        var merges = mediators.Consumes.Completed<IntakeEvents.ClientsMerged>();
        await PublishAsync(new IntakeEvents.ClientsMerged(survivor, duplicate, [], [], DateTimeOffset.UtcNow));
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientsMerged>(merges + 1);
        Assert.Equal(TestTokens.Office, (await coordinator.GetFromJsonAsync<JsonElement>($"/bookings/{booking}")).GetProperty("office").GetString());

        var unmerges = mediators.Consumes.Completed<IntakeEvents.ClientsUnmerged>();
        await PublishAsync(new IntakeEvents.ClientsUnmerged(survivor, duplicate, DateTimeOffset.UtcNow));
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientsUnmerged>(unmerges + 1);
        Assert.Equal(Elsewhere, (await coordinator.GetFromJsonAsync<JsonElement>($"/bookings/{booking}")).GetProperty("office").GetString());
    }

    [Fact]
    public async Task an_unmerge_that_overtakes_its_merge_leaves_the_bookings_where_they_were()
    {
        var survivor = Guid.NewGuid();
        var duplicate = Guid.NewGuid();
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await PublishAsync(new IntakeEvents.ClientRegistered(survivor, "Kwame", "Mensah", new DateOnly(1989, 9, 19), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await PublishAsync(new IntakeEvents.ClientRegistered(duplicate, "Kwami", "Mensah", new DateOnly(1989, 9, 19), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 2);
        await pool.RegisterAsync("tw");
        var booking = await BookAsync(duplicate, 14);
        using var coordinator = pool.As("coordinator");
        var mergedAt = DateTimeOffset.UtcNow;

        var unmerges = mediators.Consumes.Completed<IntakeEvents.ClientsUnmerged>();
        await PublishAsync(new IntakeEvents.ClientsUnmerged(survivor, duplicate, mergedAt.AddSeconds(5)));
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientsUnmerged>(unmerges + 1);
        var merges = mediators.Consumes.Completed<IntakeEvents.ClientsMerged>();
        await PublishAsync(new IntakeEvents.ClientsMerged(survivor, duplicate, [], [], mergedAt));
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientsMerged>(merges + 1);

        Assert.Equal(duplicate, await ClientOfAsync(coordinator, booking));
    }

    [Fact]
    public async Task whatever_order_merges_and_unmerges_arrive_in_the_newest_decides_where_the_bookings_are()
    {
        var (first, second, duplicate) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        foreach (var client in new[] { first, second, duplicate })
        {
            await PublishAsync(new IntakeEvents.ClientRegistered(client, "Efua", "Asante", new DateOnly(1992, 2, 2), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        }

        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 3);
        await pool.RegisterAsync("tw");
        var booking = await BookAsync(duplicate, 16);
        using var coordinator = pool.As("coordinator");
        var t = DateTimeOffset.UtcNow;

        // Intake: merged into first (t), unmerged (t+1), merged into first again (t+2); delivered t, t+2, t+1.
        await DeliverAsync(new IntakeEvents.ClientsMerged(first, duplicate, [], [], t));
        await DeliverAsync(new IntakeEvents.ClientsMerged(first, duplicate, [], [], t.AddSeconds(2)));
        await DeliverAsync(new IntakeEvents.ClientsUnmerged(first, duplicate, t.AddSeconds(1)));
        Assert.Equal(first, await ClientOfAsync(coordinator, booking));

        // Then: unmerged from first (t+3), merged into second (t+4); the merge arrives first, the unmerge never changes it back.
        await DeliverAsync(new IntakeEvents.ClientsMerged(second, duplicate, [], [], t.AddSeconds(4)));
        await DeliverAsync(new IntakeEvents.ClientsUnmerged(first, duplicate, t.AddSeconds(3)));
        Assert.Equal(second, await ClientOfAsync(coordinator, booking));

        await DeliverAsync(new IntakeEvents.ClientsUnmerged(second, duplicate, t.AddSeconds(5)));
        Assert.Equal(duplicate, await ClientOfAsync(coordinator, booking));
    }

    private async Task DeliverAsync(IntakeEvents.ClientsMerged message)
    {
        var merges = mediators.Consumes.Completed<IntakeEvents.ClientsMerged>();
        await PublishAsync(message);
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientsMerged>(merges + 1);
    }

    private async Task DeliverAsync(IntakeEvents.ClientsUnmerged message)
    {
        var unmerges = mediators.Consumes.Completed<IntakeEvents.ClientsUnmerged>();
        await PublishAsync(message);
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientsUnmerged>(unmerges + 1);
    }

    private async Task<Guid> BookAsync(Guid clientId, int hour)
    {
        using var response = await pool.TryBookAsync(new { language = "tw", start = Pool.Monday(2, hour), durationMinutes = 60, mode = "phone", clientId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
    }

    private static async Task<Guid> ClientOfAsync(HttpClient coordinator, Guid bookingId) =>
        (await coordinator.GetFromJsonAsync<JsonElement>($"/bookings/{bookingId}")).GetProperty("clientId").GetGuid();

    private Task PublishAsync<T>(T message) where T : class =>
        mediators.Environment.Bus.Publish(message, context => context.MessageId = NewId.NextGuid());
}
