using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Contracts = Integration.Intake.Contracts;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Tests;

public sealed class ErasureTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task erasure_leaves_nothing_readable_in_any_table_and_the_client_can_no_longer_be_read_found_or_changed()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var worker = intake.CreateClient().As("caseworker");
        using var coordinator = intake.CreateClient().As("coordinator");
        var person = Person.Unique();
        var clientId = await RegisterWithHistoryAsync(desk, worker, person);
        Assert.Equal(person.Values.Count, (await ScanAsync(person)).Select(hit => hit.Split(": ")[1]).Distinct().Count());

        using var erased = await coordinator.PostAsync($"/clients/{clientId}/erasure", null);

        Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
        Assert.Equal($"/clients/{clientId}/erasure", erased.Headers.Location?.OriginalString);
        var status = await erased.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", status.GetProperty("status").GetString());
        Assert.Equal(["intake", "referrals", "mediators"],
            status.GetProperty("services").EnumerateArray().Select(service => service.GetProperty("service").GetString()));
        Assert.Empty(await ScanAsync(person));

        await (await worker.GetAsync($"/clients/{clientId}")).ProblemAsync(HttpStatusCode.Gone, "client_erased");
        await (await worker.GetAsync($"/clients/{clientId}/history")).ProblemAsync(HttpStatusCode.Gone, "client_erased");
        await (await worker.PutAsJsonAsync($"/clients/{clientId}/contact", new { phone = person.Phone }))
            .ProblemAsync(HttpStatusCode.Gone, "client_erased");
        await (await worker.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain = "housing", priority = "high", description = "Room" }))
            .ProblemAsync(HttpStatusCode.Gone, "client_erased");
        await (await coordinator.GetAsync($"/clients/{clientId}/export")).ProblemAsync(HttpStatusCode.Gone, "client_erased");
        var search = await desk.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString($"{person.GivenName} {person.FamilyName}")}");
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        var check = await (await desk.PostAsJsonAsync("/clients/duplicate-check",
            new { givenName = person.GivenName, familyName = person.FamilyName, dateOfBirth = person.DateOfBirth })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(check.GetProperty("candidates").EnumerateArray());
        Assert.Empty(await ScanAsync(person));
    }

    [Fact]
    public async Task erasing_a_record_erases_the_records_merged_into_it_which_are_the_same_persons()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var worker = intake.CreateClient().As("caseworker");
        using var coordinator = intake.CreateClient().As("coordinator");
        var survivor = await RegisterWithHistoryAsync(desk, worker, Person.Unique());
        var registeredAgain = Person.Unique();
        var duplicate = await RegisterWithHistoryAsync(desk, worker, registeredAgain);
        Assert.Equal(HttpStatusCode.NoContent,
            (await coordinator.PostAsJsonAsync($"/clients/{survivor}/merge", new { duplicateId = duplicate, reason = "Same passport" })).StatusCode);

        var refused = await (await coordinator.PostAsync($"/clients/{duplicate}/erasure", null)).ProblemAsync(HttpStatusCode.Conflict, "client_merged");
        Assert.Equal(survivor, refused.GetProperty("mergedInto").GetGuid());
        Assert.NotEmpty(await ScanAsync(registeredAgain));

        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsync($"/clients/{survivor}/erasure", null)).StatusCode);

        Assert.Empty(await ScanAsync(registeredAgain));
        await (await worker.GetAsync($"/clients/{duplicate}")).ProblemAsync(HttpStatusCode.Gone, "client_erased");
        Assert.Equal("pending", (await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{duplicate}/erasure")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task erasure_reaches_the_case_households_plans_notes_corrections_and_timeline_entries()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var worker = intake.CreateClient().As("caseworker");
        using var coordinator = intake.CreateClient().As("coordinator");
        var person = Person.Unique();
        var clientId = await RegisterWithHistoryAsync(desk, worker, person);
        var relative = await desk.RegisterAsync(IntakeApi.NewClient());
        var householdId = await HouseholdTests.FormAsync(desk, (relative, "head"), (clientId, "sibling"));
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PutAsJsonAsync($"/clients/{clientId}/vulnerabilities",
            new { vulnerabilities = new[] { "pregnant" }, reason = person.Note })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/assign",
            new { caseWorker = new { id = "w-1", name = "Anna" }, reason = person.Note })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = person.Note })).StatusCode);
        using var drafted = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", new
        {
            startsOn = PlanTests.Day(0),
            endsOn = PlanTests.Day(90),
            goals = new[] { new { domain = "health", description = person.Note, indicator = person.Street } },
            actions = new[] { new { goal = 0, description = person.Note, responsible = new { kind = "client" }, dueOn = PlanTests.Day(5) } },
        });
        var planId = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("planId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree",
            new { agreedOn = PlanTests.Day(0), language = "en", signedByClient = true, note = person.Note })).StatusCode);
        var identity = new
        {
            givenName = person.GivenName, familyName = person.FamilyName, otherNames = new[] { person.OtherName }, dateOfBirth = person.DateOfBirth,
            sex = "female", nationalities = new[] { "NG" }, reason = person.Note,
        };
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PutAsJsonAsync($"/clients/{clientId}/identity", identity)).StatusCode);
        var referrals = intake.Consumes.Completed<ReferralEvents.ReferralActivity>();
        await intake.Environment.Bus.Publish(
            TimelineTests.Referral(Guid.NewGuid(), clientId, "declined", "declined", DateTimeOffset.UtcNow, 1) with { Note = person.Note });
        await intake.Consumes.WaitForAsync<ReferralEvents.ReferralActivity>(referrals + 1);
        Assert.Equal(person.Values.Count, (await ScanAsync(person)).Select(hit => hit.Split(": ")[1]).Distinct().Count());

        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsync($"/clients/{clientId}/erasure", null)).StatusCode);

        Assert.Empty(await ScanAsync(person));
        var household = await desk.GetFromJsonAsync<JsonElement>($"/households/{householdId}");
        Assert.Equal([relative], household.GetProperty("members").EnumerateArray().Select(member => member.GetProperty("clientId").GetGuid()));
        Assert.Equal(2, household.GetProperty("version").GetInt32());
        await (await coordinator.GetAsync($"/clients/{clientId}/plans/{planId}")).ProblemAsync(HttpStatusCode.Gone, "client_erased");
        await (await coordinator.GetAsync($"/clients/{clientId}/notes")).ProblemAsync(HttpStatusCode.Gone, "client_erased");
        await (await coordinator.GetAsync($"/clients/{clientId}/timeline")).ProblemAsync(HttpStatusCode.Gone, "client_erased");
        var worklist = await coordinator.GetFromJsonAsync<JsonElement>("/worklist?pageSize=200");
        Assert.DoesNotContain(worklist.GetProperty("items").EnumerateArray(), item => item.GetProperty("clientId").GetGuid() == clientId);
    }

    [Fact]
    public async Task erasure_is_complete_once_every_awaited_service_has_confirmed_and_repeats_change_nothing()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsync($"/clients/{clientId}/erasure", null)).StatusCode);
        var bus = intake.Environment.Bus;
        var referralsConfirmed = new Contracts.ClientErasureConfirmed(clientId, "referrals", DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        await bus.Publish(referralsConfirmed, context => context.MessageId = messageId);
        await bus.Publish(referralsConfirmed, context => context.MessageId = messageId);
        await bus.Publish(new Contracts.ClientErasureConfirmed(clientId, "unknown-service", DateTimeOffset.UtcNow));
        await Eventually.HoldsAsync(async () => ConfirmedAt(await StatusAsync(coordinator, clientId), "referrals") is not null,
            "referrals' confirmation to be filed");
        Assert.Equal("pending", (await StatusAsync(coordinator, clientId)).GetProperty("status").GetString());

        await bus.Publish(new Contracts.ClientErasureConfirmed(clientId, "mediators", DateTimeOffset.UtcNow));

        await Eventually.HoldsAsync(async () => (await StatusAsync(coordinator, clientId)).GetProperty("status").GetString() == "complete",
            "the erasure to complete");
        var status = await StatusAsync(coordinator, clientId);
        Assert.DoesNotContain("unknown-service", status.ToString(), StringComparison.Ordinal);
        using var again = await coordinator.PostAsync($"/clients/{clientId}/erasure", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(status.ToString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).ToString());
    }

    [Fact]
    public async Task only_coordinators_erase_and_an_unknown_or_unerased_client_has_no_erasure()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PostAsync($"/clients/{clientId}/erasure", null)).StatusCode);
        await (await coordinator.PostAsync($"/clients/{Guid.NewGuid()}/erasure", null)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await coordinator.GetAsync($"/clients/{clientId}/erasure")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/clients/{clientId}")).StatusCode);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient coordinator, Guid clientId) =>
        await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/erasure");

    [Fact]
    public async Task erasing_a_record_once_merged_and_unmerged_masks_what_the_other_record_took_from_it_and_keeps_that_records_own_data()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var worker = intake.CreateClient().As("caseworker");
        using var coordinator = intake.CreateClient().As("coordinator");
        var stays = Person.Unique();
        var survivor = await RegisterWithHistoryAsync(desk, worker, stays);
        var leaves = Person.Unique();
        var duplicate = await RegisterWithHistoryAsync(desk, worker, leaves);
        Assert.Equal(HttpStatusCode.NoContent,
            (await coordinator.PostAsJsonAsync($"/clients/{survivor}/merge", new { duplicateId = duplicate, reason = "Same passport" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{survivor}/unmerge",
            new { duplicateId = duplicate, reason = $"Not the same: {leaves.Note}" })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsync($"/clients/{duplicate}/erasure", null)).StatusCode);

        Assert.Empty(await ScanAsync(leaves));
        Assert.Equal(stays.Values.Count, (await ScanAsync(stays)).Select(hit => hit.Split(": ")[1]).Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/clients/{survivor}")).StatusCode);
    }

    [Fact]
    public async Task erasure_masks_the_reason_staff_gave_for_deciding_a_pair_of_the_persons_records_not_the_same()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var worker = intake.CreateClient().As("caseworker");
        using var coordinator = intake.CreateClient().As("coordinator");
        var person = Person.Unique();
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient(person.GivenName, person.FamilyName, person.DateOfBirth));
        var other = IntakeApi.NewClient(person.GivenName + "a", person.FamilyName, person.DateOfBirth);
        other["duplicateCheckOverride"] = new { reason = "Says she has never been here" };
        await desk.RegisterAsync(other);
        var pairs = await worker.GetFromJsonAsync<JsonElement>("/duplicates?pageSize=200");
        var pairId = pairs.GetProperty("items").EnumerateArray()
            .Single(pair => pair.GetProperty("clientIds").EnumerateArray().Any(id => id.GetGuid() == clientId)).GetProperty("pairId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent,
            (await worker.PostAsJsonAsync($"/duplicates/{pairId}/not-the-same", new { reason = $"Sisters: {person.Note}" })).StatusCode);
        Assert.NotEmpty(await PersonalDataScan.FindAsync(intake.Environment.Postgres, intake.Schema, [person.Note]));

        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsync($"/clients/{clientId}/erasure", null)).StatusCode);

        Assert.Empty(await PersonalDataScan.FindAsync(intake.Environment.Postgres, intake.Schema, [person.Note]));
    }

    private static DateTimeOffset? ConfirmedAt(JsonElement status, string service) =>
        status.GetProperty("services").EnumerateArray().Single(entry => entry.GetProperty("service").GetString() == service)
            .TryGetProperty("confirmedAt", out var at) ? at.GetDateTimeOffset() : null;

    private Task<IReadOnlyList<string>> ScanAsync(Person person) =>
        PersonalDataScan.FindAsync(intake.Environment.Postgres, intake.Schema, person.Values);

    /// <summary>A registration and every kind of change that carries personal data or free text about the person.</summary>
    private async Task<Guid> RegisterWithHistoryAsync(HttpClient desk, HttpClient worker, Person person)
    {
        var registration = IntakeApi.NewClient(person.GivenName, person.FamilyName, person.DateOfBirth);
        registration["otherNames"] = new[] { person.OtherName };
        registration["phone"] = person.Phone;
        registration["legalStatus"] = new { category = "asylum_seeker", documentNumber = person.DocumentNumber, validUntil = "2027-06-30" };
        var clientId = await desk.RegisterAsync(registration);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PutAsJsonAsync($"/clients/{clientId}/contact",
            new { phone = person.Phone, email = person.Email, address = new { municipality = "Milano", district = person.Street } })).StatusCode);
        using var consent = await desk.PostAsJsonAsync($"/clients/{clientId}/consents", new
        {
            purpose = "referral",
            recipientOrganisationId = await intake.KnownOrganisationAsync(),
            dataCategories = new[] { "identity" },
            lawfulBasis = "consent",
            givenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            expiresAt = DateTimeOffset.UtcNow.AddYears(1),
            evidence = person.Note,
        });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        using var need = await worker.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain = "health", priority = "high", description = person.Note });
        Assert.Equal(HttpStatusCode.Created, need.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/close", new { outcome = "other", note = person.Note })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/reopen", new { reason = person.Note })).StatusCode);
        return clientId;
    }

    /// <summary>Values unique to one test run, so a scan finds only this person.</summary>
    private sealed record Person(string GivenName, string FamilyName, string OtherName, string DateOfBirth, string DocumentNumber, string Phone,
        string Email, string Street, string Note)
    {
        public IReadOnlyList<string> Values => [GivenName, FamilyName, OtherName, DateOfBirth, DocumentNumber, Phone, Email, Street, Note];

        public static Person Unique()
        {
            var tag = IntakeApi.UniqueName()[3..];
            var birth = new DateOnly(1940, 1, 1).AddDays(Random.Shared.Next(365 * 60));
            return new Person("Given" + tag, IntakeApi.UniqueName(), "Other" + tag, birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "DOC" + tag.ToUpperInvariant(), "+39 3" + Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture),
                tag + "@example.org", "Via " + tag, "Told us about " + tag);
        }
    }
}
