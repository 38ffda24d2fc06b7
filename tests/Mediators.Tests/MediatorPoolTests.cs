using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Integration.Mediators.Tests;

public sealed class MediatorPoolTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task a_coordinator_registers_a_mediator_and_finds_them_by_language()
    {
        var id = await pool.RegisterAsync("prs", dialect: "Hazaragi", specialisms: ["health"], name: "Farid Rahimi");
        using var coordinator = pool.As("coordinator");

        var mediator = await coordinator.GetFromJsonAsync<JsonElement>($"/mediators/{id}");
        var found = await coordinator.GetFromJsonAsync<JsonElement>("/mediators?language=prs");
        var none = await coordinator.GetFromJsonAsync<JsonElement>("/mediators?language=tl");

        Assert.Equal("Farid Rahimi", mediator.GetProperty("name").GetString());
        Assert.Equal("Hazaragi", mediator.GetProperty("languages")[0].GetProperty("dialect").GetString());
        Assert.Equal("Europe/Rome", mediator.GetProperty("availability").GetProperty("timeZone").GetString());
        Assert.Equal(["health"], mediator.GetProperty("specialisms").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        Assert.False(mediator.TryGetProperty("languageCodes", out _), "the state's matching index is not part of the answer");
        Assert.False(found.GetProperty("items")[0].TryGetProperty("languageCodes", out _));
    }

    [Theory]
    [InlineData("""{"name":"A","languages":[{"code":"zz"}],"modes":["phone"]}""", "languages[0].code")]
    [InlineData("""{"name":"A","languages":[],"modes":["phone"]}""", "languages")]
    [InlineData("""{"name":" ","languages":[{"code":"ar"}],"modes":["phone"]}""", "name")]
    [InlineData("""{"name":"A","languages":[{"code":"ar"}]}""", "modes")]
    [InlineData("""{"name":"A","languages":[{"code":"ar"}],"modes":["fax"]}""", "modes")]
    [InlineData("""{"name":"A","languages":[{"code":"ar"}],"modes":["phone"],"specialisms":["astrology"]}""", "specialisms")]
    public async Task a_bad_registration_gets_field_errors_and_stores_nothing(string body, string field)
    {
        using var coordinator = pool.As("coordinator");

        using var response = await coordinator.PostAsync("/mediators", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(error => error.Name.StartsWith(field, StringComparison.Ordinal)),
            $"an error on {field}: {problem}");
        Assert.Equal(0, (await coordinator.GetFromJsonAsync<JsonElement>("/mediators?language=ar")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("""{"timeZone":"Mars/Olympus","weekly":[]}""", "timeZone")]
    [InlineData("""{"weekly":[]}""", "timeZone")]
    [InlineData("""{"timeZone":"Europe/Rome","weekly":[{"dayOfWeek":8,"from":"09:00","to":"12:00"}]}""", "weekly[0].dayOfWeek")]
    [InlineData("""{"timeZone":"Europe/Rome","weekly":[{"dayOfWeek":1,"from":"13:00","to":"12:00"}]}""", "weekly[0].to")]
    [InlineData("""{"timeZone":"Europe/Rome","weekly":[{"dayOfWeek":1,"from":"9am","to":"12:00"}]}""", "weekly[0].from")]
    [InlineData("""{"timeZone":"Europe/Rome","exceptions":[{"date":"2030-02-01","available":true}]}""", "exceptions[0].from")]
    [InlineData("""{"timeZone":"Europe/Rome","exceptions":[{"available":false}]}""", "exceptions[0].date")]
    public async Task bad_availability_gets_field_errors_and_changes_nothing(string body, string field)
    {
        var id = await pool.RegisterAsync("ne");
        using var coordinator = pool.As("coordinator");

        using var response = await coordinator.PutAsync($"/mediators/{id}/availability", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, field);
        Assert.Equal(2, (await coordinator.GetFromJsonAsync<JsonElement>($"/mediators/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task a_mediator_sets_their_own_availability_but_not_anothers()
    {
        var own = await pool.RegisterAsync("si", userId: "mediator-si");
        var other = await pool.RegisterAsync("si", userId: "mediator-si-2");
        using var mediator = pool.As("mediator", subject: "mediator-si");
        var availability = new { timeZone = "Europe/Warsaw", weekly = new[] { new { dayOfWeek = 2, from = "08:00", to = "24:00" } } };

        Assert.Equal(HttpStatusCode.NoContent, (await mediator.PutAsJsonAsync($"/mediators/{own}/availability", availability)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.PutAsJsonAsync($"/mediators/{other}/availability", availability)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.GetAsync($"/mediators/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/mediators")).StatusCode);
        Assert.Equal("Europe/Warsaw",
            (await mediator.GetFromJsonAsync<JsonElement>($"/mediators/{own}")).GetProperty("availability").GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task a_stale_if_match_on_availability_is_refused()
    {
        var id = await pool.RegisterAsync("ta");
        using var coordinator = pool.As("coordinator");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/mediators/{id}/availability")
        {
            Content = JsonContent.Create(new { timeZone = "Europe/Rome", weekly = Pool.AllWeek }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        using var response = await coordinator.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task deactivating_a_mediator_gives_their_future_appointments_to_someone_else_or_leaves_them_unfilled()
    {
        var leaving = await pool.RegisterAsync("wo", name: "Moussa Ndiaye");
        var shared = await pool.BookAsync("wo", Pool.Monday(2, 9));
        var alone = await pool.BookAsync("wo", Pool.Monday(2, 14));
        Assert.Equal(leaving, Pool.MediatorOf(shared));
        Assert.Equal(leaving, Pool.MediatorOf(alone));
        var staying = await pool.RegisterAsync("wo", name: "Awa Diop", weekly: [new { dayOfWeek = 1, from = "08:00", to = "12:00" }]);
        using var coordinator = pool.As("coordinator");

        Assert.Equal(HttpStatusCode.NoContent,
            (await coordinator.PostAsJsonAsync($"/mediators/{leaving}/deactivate", new { reason = "Moved to Turin" })).StatusCode);
        await pool.SweepAsync();

        var reassigned = await pool.GetBookingAsync(shared.GetProperty("bookingId").GetGuid());
        var unfilled = await pool.GetBookingAsync(alone.GetProperty("bookingId").GetGuid());
        Assert.Equal(("assigned", staying), (reassigned.GetProperty("status").GetString(), Pool.MediatorOf(reassigned)));
        Assert.Equal(("unfilled", (Guid?)null), (unfilled.GetProperty("status").GetString(), Pool.MediatorOf(unfilled)));
        Assert.Equal("Moved to Turin", unfilled.GetProperty("timeline").EnumerateArray().Last().GetProperty("note").GetString());
    }

    [Fact]
    public async Task an_inactive_mediator_is_not_booked_until_reactivated()
    {
        var id = await pool.RegisterAsync("hi");
        using var coordinator = pool.As("coordinator");

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/mediators/{id}/deactivate", new { reason = "On leave until spring" })).StatusCode);
        await Problems.AssertFieldErrorAsync(await coordinator.PostAsJsonAsync($"/mediators/{id}/deactivate", new { reason = "" }), "reason");
        var booking = await pool.BookAsync("hi", Pool.Monday(1, 9));
        Assert.Equal("unfilled", booking.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/mediators/{id}/activate", null)).StatusCode);
        await pool.SweepAsync();
        Assert.Equal(id, (await pool.GetBookingAsync(booking.GetProperty("bookingId").GetGuid())).GetProperty("mediatorId").GetGuid());
    }

    [Fact]
    public async Task only_coordinators_register_mediators()
    {
        foreach (var role in new[] { "frontdesk", "caseworker", "partner", "mediator" })
        {
            using var http = pool.As(role);
            using var response = await http.PostAsJsonAsync("/mediators", new { name = "X", languages = new[] { new { code = "ar" } }, modes = new[] { "phone" } });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task unknown_mediators_are_404_and_activating_an_active_one_is_409()
    {
        var id = await pool.RegisterAsync("sq");
        using var coordinator = pool.As("coordinator");

        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/mediators/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsJsonAsync($"/mediators/{Guid.NewGuid()}/deactivate", new { reason = "Leave" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PutAsJsonAsync($"/mediators/{Guid.NewGuid()}/availability",
            new { timeZone = "Europe/Rome", weekly = Pool.AllWeek })).StatusCode);
        using var active = await coordinator.PostAsync($"/mediators/{id}/activate", null);
        Assert.Equal(HttpStatusCode.Conflict, active.StatusCode);
        Assert.Equal("mediator_active", (await active.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await Problems.AssertFieldErrorAsync(await coordinator.GetAsync("/mediators?language=xx"), "language");
        await Problems.AssertFieldErrorAsync(await coordinator.GetAsync("/mediators?pageSize=500"), "pageSize");
    }
}
