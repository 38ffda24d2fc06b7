using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Mediators.Bookings;
using Integration.Mediators.Bookings.ReleasingOrphanedHolds;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Tests;

/// <summary>The tenancy tests with every tenant's rows in one database.</summary>
public sealed class ConjoinedTenantTests(MediatorsFixture mediators) : TenantTests(mediators), IClassFixture<MediatorsFixture>;

/// <summary>The tenancy tests with each tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantTests(DatabasePerTenantMediatorsFixture mediators) : TenantTests(mediators), IClassFixture<DatabasePerTenantMediatorsFixture>;

/// <summary>Two tenants in one mediators service, in both storage modes: pools, bookings and demand are each tenant's own.</summary>
public abstract class TenantTests(MediatorsFixture mediators)
{
    private readonly Pool home = new(mediators);

    private Task<Pool> OnboardedAsync() => Pool.OnboardedAsync(mediators);

    [Fact]
    public async Task a_tenants_pool_bookings_and_demand_are_its_own()
    {
        var susa = await OnboardedAsync();
        var homeMediator = await home.RegisterAsync("ti", userId: "mediator-ti-home");
        var start = Pool.Monday(weeksAhead: 3, hour: 9);

        var homeBooking = await home.BookAsync("ti", start);
        var susaBooking = await susa.BookAsync("ti", start.AddHours(2));

        Assert.Equal(homeMediator, Pool.MediatorOf(homeBooking));
        Assert.Equal("unfilled", susaBooking.GetProperty("status").GetString());
        using var susaCoordinator = susa.As("coordinator");
        using var homeCoordinator = home.As("coordinator");
        Assert.Equal(HttpStatusCode.NotFound, (await susaCoordinator.GetAsync($"/mediators/{homeMediator}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await susaCoordinator.GetAsync($"/bookings/{homeBooking.GetProperty("bookingId").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.GetAsync($"/bookings/{susaBooking.GetProperty("bookingId").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Pool.ActAsync(homeCoordinator, susaBooking.GetProperty("bookingId").GetGuid(), "cancel", new { reason = "Not ours" })).StatusCode);

        var day = DateOnly.FromDateTime(start.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.HoldsAsync(async () =>
            (await susaCoordinator.GetFromJsonAsync<JsonElement>($"/demand?from={day}&to={day}")).GetProperty("totals").GetProperty("requests").GetInt32() == 1,
            "the tenant's one request in its demand");
        var susaDemand = await susaCoordinator.GetFromJsonAsync<JsonElement>($"/demand?from={day}&to={day}");
        Assert.Equal(1, susaDemand.GetProperty("totals").GetProperty("unfilled").GetInt32());
        var homeDemand = await homeCoordinator.GetFromJsonAsync<JsonElement>($"/demand?from={day}&to={day}&language=ti");
        Assert.Equal(0, homeDemand.GetProperty("totals").GetProperty("unfilled").GetInt32());
    }

    [Fact]
    public async Task a_mediator_shared_by_two_tenants_has_one_calendar_is_never_double_booked_across_them_and_reads_it_whole()
    {
        var susa = await OnboardedAsync();
        var shared = await home.RegisterAsync("am", userId: "mediator-am-shared", name: "Hiwet Gebremedhin");
        using var homeCoordinator = home.As("coordinator");
        using var susaCoordinator = susa.As("coordinator");

        using (var sharing = await homeCoordinator.PostAsJsonAsync($"/mediators/{shared}/shares", new { tenantId = susa.Tenant }))
        {
            Assert.Equal(HttpStatusCode.NoContent, sharing.StatusCode);
        }

        using var again = await homeCoordinator.PostAsJsonAsync($"/mediators/{shared}/shares", new { tenantId = susa.Tenant });
        using var nowhere = await homeCoordinator.PostAsJsonAsync($"/mediators/{shared}/shares", new { tenantId = "nowhere-at-all" });
        using var itself = await homeCoordinator.PostAsJsonAsync($"/mediators/{shared}/shares", new { tenantId = "default" });
        using var notTheirs = await susaCoordinator.PostAsJsonAsync($"/mediators/{await home.RegisterAsync("om")}/shares", new { tenantId = "default" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        var copy = await susaCoordinator.GetFromJsonAsync<JsonElement>($"/mediators/{shared}");
        Assert.Equal("Hiwet Gebremedhin", copy.GetProperty("name").GetString());

        // Booked in one tenant, the slot is taken in the other; a free hour is the other tenant's to book.
        var start = Pool.Monday(weeksAhead: 4, hour: 9);
        Assert.Equal(shared, Pool.MediatorOf(await home.BookAsync("am", start)));
        Assert.Null(Pool.MediatorOf(await susa.BookAsync("am", start.AddMinutes(30))));
        Assert.Equal(shared, Pool.MediatorOf(await susa.BookAsync("am", start.AddHours(3))));

        // Two tenants booking the same hour at the same moment: one gets the mediator, the other waits.
        var racing = await Task.WhenAll(home.BookAsync("am", start.AddHours(6)), susa.BookAsync("am", start.AddHours(6)));
        Assert.Single(racing, booking => Pool.MediatorOf(booking) == shared);

        // The shared mediator sees their one calendar whole: every tenant's bookings of them in one list, by start, each labelled.
        using var mediator = mediators.CreateClient();
        mediator.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestTokens.ForTenants("mediator", ["default", susa.Tenant!], subject: "mediator-am-shared"));
        var calendar = await mediator.GetFromJsonAsync<JsonElement>("/bookings");
        var oneTenant = await mediator.GetFromJsonAsync<JsonElement>($"/bookings?tenant={susa.Tenant}");
        var raceWonBy = Pool.MediatorOf(racing[0]) == shared ? "default" : susa.Tenant;
        Assert.Equal([(start, "default"), (start.AddHours(3), susa.Tenant), (start.AddHours(6), raceWonBy)], calendar.GetProperty("items").EnumerateArray()
            .Select(item => (item.GetProperty("start").GetDateTimeOffset(), item.GetProperty("tenantId").GetString())));
        Assert.Equal(3, calendar.GetProperty("total").GetInt32());
        Assert.All(oneTenant.GetProperty("items").EnumerateArray(), item => Assert.Equal(susa.Tenant, item.GetProperty("tenantId").GetString()));
    }

    [Fact]
    public async Task an_hour_held_for_a_booking_that_was_never_saved_is_released_after_the_grace_and_every_saved_booking_keeps_its_hour()
    {
        var susa = await OnboardedAsync();
        var mediator = await home.RegisterAsync("ff");
        using var coordinator = home.As("coordinator");
        using (var sharing = await coordinator.PostAsJsonAsync($"/mediators/{mediator}/shares", new { tenantId = susa.Tenant }))
        {
            Assert.Equal(HttpStatusCode.NoContent, sharing.StatusCode);
        }

        var start = Pool.Monday(weeksAhead: 6, hour: 9);
        var savedHere = await home.BookAsync("ff", start);
        var savedThere = await susa.BookAsync("ff", start.AddHours(2));
        Assert.Equal((mediator, mediator), (Pool.MediatorOf(savedHere), Pool.MediatorOf(savedThere)));

        // What a booking whose claim committed and whose own commit then failed leaves: a hold for a booking that exists nowhere.
        var store = mediators.Services.GetRequiredService<IDocumentStore>();
        var date = DateOnly.FromDateTime(start.UtcDateTime);
        var dayId = MediatorDay.IdFor(mediator, date);
        var unsaved = Guid.NewGuid();
        await using (var session = store.LightweightSession(MediatorDay.Partition))
        {
            var day = await session.Events.FetchForWriting<MediatorDay>(dayId);
            var hold = new Reservation(unsaved, start.AddHours(5), start.AddHours(6), InPerson: false) { ReservedAt = mediators.Clock.GetUtcNow() };
            day.AppendOne(new MediatorReserved(dayId, mediator, date, hold, mediators.Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }

        var sweep = mediators.Services.GetRequiredService<OrphanedHoldSweep>();
        await sweep.SweepAsync(CancellationToken.None);
        Assert.Contains(unsaved, await HeldAsync(store, dayId));

        mediators.Clock.Advance(TimeSpan.FromMinutes(11));
        await sweep.SweepAsync(CancellationToken.None);

        var held = await HeldAsync(store, dayId);
        Assert.DoesNotContain(unsaved, held);
        Assert.Equal(new[] { BookingIdOf(savedHere), BookingIdOf(savedThere) }.Order(), held.Order());
        Assert.Equal(mediator, Pool.MediatorOf(await home.BookAsync("ff", start.AddHours(5))));
    }

    private static async Task<IReadOnlyList<Guid>> HeldAsync(IDocumentStore store, Guid dayId)
    {
        await using var query = store.QuerySession(MediatorDay.Partition);
        return [.. (await query.LoadAsync<MediatorDay>(dayId))!.Reservations.Select(reservation => reservation.BookingId)];
    }

    private static Guid BookingIdOf(JsonElement booking) => booking.GetProperty("bookingId").GetGuid();
}
