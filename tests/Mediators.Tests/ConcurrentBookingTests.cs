using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Mediators.Bookings;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Mediators.Tests;

public sealed class ConcurrentBookingTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task fifty_simultaneous_requests_for_overlapping_slots_never_double_book_a_mediator()
    {
        var pool3 = new[] { await pool.RegisterAsync("ku"), await pool.RegisterAsync("ku"), await pool.RegisterAsync("ku") };
        var start = Pool.Monday(1, 9);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async index =>
        {
            using var desk = pool.As("frontdesk", subject: $"desk-{index}");
            using var response = await desk.PostAsJsonAsync("/bookings",
                new { language = "ku", start = start.AddMinutes(index % 5 * 10), durationMinutes = 60, mode = index % 2 == 0 ? "in_person" : "video" });
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        Assert.All(answers, answer => Assert.Contains(answer.Body.GetProperty("status").GetString(), new[] { "assigned", "unfilled" }));
        await using var session = mediators.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var ids = answers.Select(answer => answer.Body.GetProperty("bookingId").GetGuid()).ToArray();
        var stored = await session.LoadManyAsync<Booking>(ids);
        Assert.Equal(50, stored.Count);
        var assigned = stored.Where(booking => booking.Status == BookingStatus.Assigned).ToList();
        Assert.Equal(3, assigned.Count);
        Assert.Equal(pool3.Order(), assigned.Select(booking => booking.MediatorId!.Value).Order());
        foreach (var group in assigned.GroupBy(booking => booking.MediatorId))
        {
            var ordered = group.OrderBy(booking => booking.Start).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, "overlapping bookings"));
        }
    }

    [Fact]
    public async Task bookings_racing_across_midnight_and_travel_buffers_never_clash()
    {
        object[] allDay = [.. Enumerable.Range(1, 7).Select(day => new { dayOfWeek = day, from = "00:00", to = "24:00" })];
        Guid[] pair = [await pool.RegisterAsync("tr", weekly: allDay), await pool.RegisterAsync("tr", weekly: allDay)];
        var midnight = Pool.Monday(2, 0);
        (int Offset, string Mode)[] shapes = [(-90, "in_person"), (-40, "phone"), (-10, "in_person"), (20, "phone"), (50, "in_person"), (110, "phone")];

        var answers = await Task.WhenAll(Enumerable.Range(0, 48).Select(async index =>
        {
            var (offset, mode) = shapes[index % shapes.Length];
            using var desk = pool.As("frontdesk", subject: $"night-desk-{index}");
            using var response = await desk.PostAsJsonAsync("/bookings",
                new { language = "tr", start = midnight.AddMinutes(offset), durationMinutes = 60, mode });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
        }));

        await using var session = mediators.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var assigned = (await session.LoadManyAsync<Booking>(answers)).Where(booking => booking.Status == BookingStatus.Assigned).ToList();
        Assert.True(assigned.Count >= 4, $"only {assigned.Count} assigned");
        Assert.All(assigned, booking => Assert.Contains(booking.MediatorId!.Value, pair));
        var buffer = mediators.Services.GetRequiredService<Matching>().TravelBuffer;
        foreach (var group in assigned.GroupBy(booking => booking.MediatorId))
        {
            foreach (var (first, second) in group.SelectMany(a => group.Where(b => b.Id.CompareTo(a.Id) > 0).Select(b => (a, b))))
            {
                var gap = first.Mode == Integration.Mediators.Pool.MediationMode.InPerson || second.Mode == Integration.Mediators.Pool.MediationMode.InPerson ? buffer : TimeSpan.Zero;
                Assert.False(first.Start < second.End + gap && second.Start < first.End + gap,
                    $"{first.Start:u}-{first.End:u} ({first.Mode}) and {second.Start:u}-{second.End:u} ({second.Mode}) clash");
            }
        }
    }
}
