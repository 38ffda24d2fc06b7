using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Tests;

/// <summary>
/// Bookings are scoped by office as intake scopes clients: front desks and case workers list, read and
/// cancel their own office's bookings only (a booking's office is its client's, else its requester's),
/// another office's client is as unknown as an id that does not exist, and a transfer moves the
/// client's bookings to the new office. Coordinators see every office's.
/// </summary>
public sealed class BookingOfficeTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private const string North = "milan-north";
    private const string South = "milan-south";
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task another_offices_staff_neither_list_nor_read_nor_cancel_a_clients_booking()
    {
        var clientId = await RegisteredAsync(North);
        var bookingId = await BookedAsync(clientId, North, "Home of the client, Via Padova 12");
        using var south = Staff("frontdesk", South);
        using var southWorker = Staff("caseworker", South);
        using var north = Staff("caseworker", North);

        using (var read = await south.GetAsync($"/bookings/{bookingId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        Assert.Equal(0, await TotalAsync(south, $"/bookings?clientId={clientId}"));
        Assert.Equal(0, await TotalAsync(southWorker, $"/bookings?clientId={clientId}"));
        using (var cancel = await Pool.ActAsync(south, bookingId, "cancel", new { reason = "Not ours" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        }

        Assert.Equal(North, (await pool.GetBookingAsync(bookingId, north)).GetProperty("office").GetString());
        Assert.Equal(1, await TotalAsync(north, $"/bookings?clientId={clientId}"));
        using var coordinator = pool.As("coordinator");
        Assert.Equal(1, await TotalAsync(coordinator, $"/bookings?clientId={clientId}"));
        using var cancelled = await Pool.ActAsync(north, bookingId, "cancel", new { reason = "The appointment moved" });
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
    }

    [Fact]
    public async Task booking_for_another_offices_client_is_answered_as_for_an_id_that_does_not_exist()
    {
        var clientId = await RegisteredAsync(North);
        var before = await pool.CountBookingsAsync();
        using var south = Staff("caseworker", South);

        using var theirs = await south.PostAsJsonAsync("/bookings", Request(clientId));
        using var nobodys = await south.PostAsJsonAsync("/bookings", Request(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nobodys.StatusCode);
        var answer = await theirs.Content.ReadFromJsonAsync<JsonElement>();
        var unknown = await nobodys.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unknown_client", answer.GetProperty("code").GetString());
        Assert.Equal(unknown.GetProperty("title").GetString(), answer.GetProperty("title").GetString());
        Assert.Equal(unknown.GetProperty("errors").GetRawText(), answer.GetProperty("errors").GetRawText());
        Assert.Equal(before, await pool.CountBookingsAsync());
    }

    [Fact]
    public async Task a_client_named_by_partner_staff_is_answered_as_an_id_that_does_not_exist()
    {
        var clientId = await RegisteredAsync(North);
        using var partner = pool.As("partner", organisation: Guid.NewGuid());

        using var known = await partner.PostAsJsonAsync("/bookings", Request(clientId));
        using var unknown = await partner.PostAsJsonAsync("/bookings", Request(Guid.NewGuid()));

        var answer = await known.ProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_client");
        var nothing = await unknown.ProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_client");
        Assert.Equal(nothing.GetProperty("errors").GetRawText(), answer.GetProperty("errors").GetRawText());
    }

    [Fact]
    public async Task a_booking_without_a_client_belongs_to_the_office_that_asked_for_it()
    {
        using var north = Staff("frontdesk", North);
        using var booked = await north.PostAsJsonAsync("/bookings", Request(clientId: null));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();

        Assert.Equal(North, (await pool.GetBookingAsync(bookingId, north)).GetProperty("office").GetString());
        using var south = Staff("frontdesk", South);
        Assert.Equal(HttpStatusCode.NotFound, (await south.GetAsync($"/bookings/{bookingId}")).StatusCode);
    }

    [Fact]
    public async Task a_clients_transfer_takes_their_bookings_to_the_new_office()
    {
        var clientId = await RegisteredAsync(North);
        var bookingId = await BookedAsync(clientId, North, "Via Padova 12");
        var transfers = mediators.Consumes.Completed<IntakeEvents.ClientTransferred>();

        await pool.PublishAsync(new IntakeEvents.ClientTransferred(clientId, North, South, DateTimeOffset.UtcNow));
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientTransferred>(transfers + 1);

        Assert.Equal(0, mediators.Consumes.Faulted<IntakeEvents.ClientTransferred>());
        using var south = Staff("caseworker", South);
        Assert.Equal(South, (await pool.GetBookingAsync(bookingId, south)).GetProperty("office").GetString());
        Assert.Equal(1, await TotalAsync(south, $"/bookings?clientId={clientId}"));
        using var north = Staff("caseworker", North);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"/bookings/{bookingId}")).StatusCode);
        using var booked = await south.PostAsJsonAsync("/bookings", Request(clientId));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
    }

    private HttpClient Staff(string role, string office) =>
        mediators.CreateClient().As(role, subject: $"{role}-{office}", office: office);

    private static object Request(Guid? clientId, string? location = null) =>
        new { language = "hy", start = Pool.Monday(5, 9), durationMinutes = 45, mode = "in_person", location = location ?? "Via Padova 12", clientId };

    private async Task<Guid> RegisteredAsync(string office)
    {
        var clientId = Guid.NewGuid();
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await pool.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Anahit", "Sargsyan", new DateOnly(1987, 8, 8), DateTimeOffset.UtcNow)
        {
            Office = office,
        });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 1);
        return clientId;
    }

    private async Task<Guid> BookedAsync(Guid clientId, string office, string location)
    {
        using var worker = Staff("caseworker", office);
        using var booked = await worker.PostAsJsonAsync("/bookings", Request(clientId, location));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        return (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
    }

    private static async Task<long> TotalAsync(HttpClient reader, string path)
    {
        using var listed = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        return (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64();
    }
}
