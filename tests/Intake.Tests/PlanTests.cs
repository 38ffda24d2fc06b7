using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

/// <summary>Individual integration plans: drafting, the 12-month limit, agreement, versions, reviews, actions, printing, closing.</summary>
public sealed class PlanTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_plan_is_drafted_agreed_reviewed_and_its_actions_done()
    {
        using var worker = intake.CreateClient().As("caseworker", subject: "worker-1", name: "Giulia Rossi");
        var (clientId, needId) = await ClientWithNeedAsync(worker);
        var organisationId = await intake.KnownOrganisationAsync();

        var planId = await DraftAsync(worker, clientId, PlanBody(needId, organisationId));
        var plan = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans/{planId}");
        Assert.Equal(("draft", 1), (plan.GetProperty("status").GetString(), plan.GetProperty("version").GetInt32()));
        var goals = plan.GetProperty("goals").EnumerateArray().ToList();
        Assert.Equal(needId, goals[0].GetProperty("needId").GetGuid());
        Assert.Equal("not_started", goals[0].GetProperty("progress").GetString());
        var actions = plan.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["client", "organisation"], actions.Select(action => action.GetProperty("responsible").GetProperty("kind").GetString()));
        Assert.Equal(goals[1].GetProperty("goalId").GetGuid(), actions[1].GetProperty("goalId").GetGuid());

        using var reviewDraft = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/reviews", Review(goals[0], "in_progress"));
        await reviewDraft.ProblemAsync(HttpStatusCode.Conflict, "plan_not_agreed");
        using var agreed = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", Agreement());
        Assert.Equal(HttpStatusCode.NoContent, agreed.StatusCode);
        using var again = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", Agreement());
        await again.ProblemAsync(HttpStatusCode.Conflict, "plan_already_agreed");
        using var reviewed = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/reviews", Review(goals[0], "achieved"));
        Assert.Equal(HttpStatusCode.NoContent, reviewed.StatusCode);
        var actionId = actions[0].GetProperty("actionId").GetGuid();
        using var done = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/actions/{actionId}/done", new { doneOn = Day(0), note = "Enrolled" });
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        using var doneAgain = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/actions/{actionId}/done", new { doneOn = Day(0) });
        await doneAgain.ProblemAsync(HttpStatusCode.Conflict, "action_done");

        plan = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans/{planId}");
        Assert.Equal("agreed", plan.GetProperty("status").GetString());
        var agreement = Assert.Single(plan.GetProperty("agreements").EnumerateArray());
        Assert.Equal(("ar", true, true), (agreement.GetProperty("language").GetString(), agreement.GetProperty("signedByClient").GetBoolean(),
            agreement.GetProperty("signedByCaseWorker").GetBoolean()));
        Assert.Equal("achieved", plan.GetProperty("goals")[0].GetProperty("progress").GetString());
        Assert.Equal(Day(60), plan.GetProperty("nextReviewOn").GetString());
        Assert.True(plan.GetProperty("actions")[0].GetProperty("done").GetBoolean());
        var list = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans");
        Assert.Equal(planId, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("planId").GetGuid());
    }

    [Fact]
    public async Task changing_an_agreed_plan_makes_a_new_draft_version_and_keeps_the_agreed_one_readable()
    {
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await ClientWithNeedAsync(worker);
        var planId = await DraftAsync(worker, clientId, PlanBody(needId, organisationId: null));
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", Agreement())).StatusCode);
        using var read = await worker.GetAsync($"/clients/{clientId}/plans/{planId}");
        var plan = await read.Content.ReadFromJsonAsync<JsonElement>();
        var goalId = plan.GetProperty("goals")[0].GetProperty("goalId").GetGuid();

        using var stale = await worker.SendAsync(HttpMethod.Put, $"/clients/{clientId}/plans/{planId}", Revision(goalId), "\"1\"");
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        using var revised = await worker.SendAsync(HttpMethod.Put, $"/clients/{clientId}/plans/{planId}", Revision(goalId), read.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.NoContent, revised.StatusCode);
        plan = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans/{planId}");
        Assert.Equal(("draft", 2), (plan.GetProperty("status").GetString(), plan.GetProperty("version").GetInt32()));
        Assert.Equal(goalId, plan.GetProperty("goals")[0].GetProperty("goalId").GetGuid());
        Assert.Equal("Find a flat with a lease", plan.GetProperty("goals")[0].GetProperty("description").GetString());
        var earlier = Assert.Single(plan.GetProperty("earlierVersions").EnumerateArray());
        Assert.Equal(1, earlier.GetProperty("version").GetInt32());
        Assert.Equal("Find stable housing", earlier.GetProperty("goals")[0].GetProperty("description").GetString());
        Assert.Equal(1, earlier.GetProperty("agreement").GetProperty("planVersion").GetInt32());
        await (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/reviews",
            new { reviewedOn = Day(0), goals = new[] { new { goalId, progress = "in_progress" } } })).ProblemAsync(HttpStatusCode.Conflict, "plan_not_agreed");
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", Agreement())).StatusCode);
    }

    [Fact]
    public async Task a_plan_lasts_at_most_twelve_months_with_its_dates_in_order_and_its_parts_complete()
    {
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await ClientWithNeedAsync(worker);

        using var tooLong = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", PlanBody(needId, null, endsOn: Day(366)));
        using var backwards = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", PlanBody(needId, null, endsOn: Day(-1)));
        using var empty = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", new { startsOn = Day(0), endsOn = Day(100), goals = Array.Empty<object>() });
        using var badParts = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", new
        {
            startsOn = Day(0),
            endsOn = Day(100),
            goals = new[] { new { domain = "housing", description = " " } },
            actions = new object[]
            {
                new { goal = 3, description = "Visit", responsible = new { kind = "organisation" }, dueOn = Day(200) },
            },
        });
        using var badProgress = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", new
        {
            startsOn = Day(0), endsOn = Day(100), goals = new[] { new { domain = "flying", description = "x" } },
        });

        Assert.Equal(["endsOn"], await tooLong.FieldErrorsAsync());
        Assert.Equal(["endsOn"], await backwards.FieldErrorsAsync());
        Assert.Equal(["goals"], await empty.FieldErrorsAsync());
        Assert.Equal(["actions[0].dueOn", "actions[0].goal", "actions[0].responsible.organisationId", "goals[0].description"], await badParts.FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badProgress.StatusCode);
        var plans = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans");
        Assert.Equal(0, plans.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task a_plan_names_only_the_clients_needs_and_organisations_the_directory_knows()
    {
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, _) = await ClientWithNeedAsync(worker);
        var (otherClient, otherNeed) = await ClientWithNeedAsync(worker);

        using var unknownNeed = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", PlanBody(otherNeed, null));
        using var unknownOrganisation = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", PlanBody(null, Guid.NewGuid()));
        using var unknownClient = await worker.PostAsJsonAsync($"/clients/{Guid.NewGuid()}/plans", PlanBody(null, null));

        await unknownNeed.ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(["actions[1].responsible.organisationId"], await unknownOrganisation.FieldErrorsAsync());
        await unknownClient.ProblemAsync(HttpStatusCode.NotFound, "not_found");
        var plans = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans");
        Assert.Equal(0, plans.GetProperty("total").GetInt32());
        Assert.NotEqual(clientId, otherClient);
    }

    [Fact]
    public async Task reviews_and_agreements_validate_their_fields_and_unknown_goals_are_404()
    {
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await ClientWithNeedAsync(worker);
        var planId = await DraftAsync(worker, clientId, PlanBody(needId, null));

        using var unsigned = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", new { agreedOn = Day(0), language = "xx", signedByClient = false });
        Assert.Equal(["language", "signedByClient"], await unsigned.FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", Agreement())).StatusCode);
        using var badReview = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/reviews",
            new { reviewedOn = Day(0), nextReviewOn = Day(-3), goals = new[] { new { goalId = Guid.NewGuid() } } });
        Assert.Equal(["goals[0].progress", "nextReviewOn"], await badReview.FieldErrorsAsync());
        using var unknownGoal = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/reviews",
            new { reviewedOn = Day(0), goals = new[] { new { goalId = Guid.NewGuid(), progress = "achieved" } } });
        await unknownGoal.ProblemAsync(HttpStatusCode.NotFound, "not_found");
        using var unknownAction = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/actions/{Guid.NewGuid()}/done", new { doneOn = Day(0) });
        await unknownAction.ProblemAsync(HttpStatusCode.NotFound, "not_found");
        using var unknownPlan = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{Guid.NewGuid()}/agree", Agreement());
        await unknownPlan.ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task a_closed_plan_takes_no_more_changes_and_another_office_cannot_see_plans()
    {
        using var worker = intake.CreateClient().As("caseworker");
        using var otherWorker = intake.CreateClient().As("caseworker", office: "other-office");
        using var desk = intake.CreateClient().As("frontdesk");
        var (clientId, needId) = await ClientWithNeedAsync(worker);
        var planId = await DraftAsync(worker, clientId, PlanBody(needId, null));

        await (await otherWorker.GetAsync($"/clients/{clientId}/plans/{planId}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherWorker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", Agreement())).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await desk.GetAsync($"/clients/{clientId}/plans")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var closeWithout = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/close", new { note = "moved" });
        Assert.Equal(["outcome"], await closeWithout.FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/close", new { outcome = "moved_away" })).StatusCode);
        await (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", Agreement())).ProblemAsync(HttpStatusCode.Conflict, "plan_closed");
        await (await worker.PutAsJsonAsync($"/clients/{clientId}/plans/{planId}", PlanBody(needId, null))).ProblemAsync(HttpStatusCode.Conflict, "plan_closed");
    }

    [Fact]
    public async Task the_agreement_prints_in_english_or_italian_with_each_partys_commitments_and_escapes_what_was_typed()
    {
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await ClientWithNeedAsync(worker, givenName: "Amal <b>");
        var organisationId = await intake.KnownOrganisationAsync();
        var planId = await DraftAsync(worker, clientId, PlanBody(needId, organisationId));

        using var english = await worker.GetAsync($"/clients/{clientId}/plans/{planId}/agreement?lang=en");
        using var italian = await worker.GetAsync($"/clients/{clientId}/plans/{planId}/agreement?lang=it");
        using var french = await worker.GetAsync($"/clients/{clientId}/plans/{planId}/agreement?lang=fr");

        Assert.Equal("text/html", english.Content.Headers.ContentType?.MediaType);
        var en = await english.Content.ReadAsStringAsync();
        Assert.Contains("Individual integration plan", en, StringComparison.Ordinal);
        Assert.Contains("Amal &lt;b&gt;", en, StringComparison.Ordinal);
        Assert.DoesNotContain("Amal <b>", en, StringComparison.Ordinal);
        Assert.Contains("The person commits to", en, StringComparison.Ordinal);
        Assert.Contains("<h3>Casa Aperta</h3>", en, StringComparison.Ordinal);
        Assert.Contains("Not agreed yet", en, StringComparison.Ordinal);
        Assert.Contains("@media print", en, StringComparison.Ordinal);
        var it = await italian.Content.ReadAsStringAsync();
        Assert.Contains("Piano individuale di integrazione", it, StringComparison.Ordinal);
        Assert.Contains("Firma della persona", it, StringComparison.Ordinal);
        Assert.Contains("Alloggio", it, StringComparison.Ordinal);
        Assert.Equal(["lang"], await french.FieldErrorsAsync());
    }

    [Fact]
    public async Task an_agreed_plan_prints_when_and_in_which_language_it_was_explained_in_the_agreements_language()
    {
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await ClientWithNeedAsync(worker);
        var planId = await DraftAsync(worker, clientId, PlanBody(needId, null));
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree",
            new { agreedOn = Day(0), language = "ti", signedByClient = true })).StatusCode);

        var italian = await worker.GetStringAsync($"/clients/{clientId}/plans/{planId}/agreement?lang=it");
        var english = await worker.GetStringAsync($"/clients/{clientId}/plans/{planId}/agreement?lang=en");

        Assert.Contains("spiegato in tigrino", italian, StringComparison.Ordinal);
        Assert.Contains("explained in Tigrinya", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Not agreed yet", english, StringComparison.Ordinal);
    }

    internal static async Task<(Guid ClientId, Guid NeedId)> ClientWithNeedAsync(HttpClient worker, string givenName = "Amina")
    {
        var clientId = await worker.RegisterAsync(IntakeApi.NewClient(givenName));
        using var need = await worker.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain = "housing", priority = "high", description = "Shelter" });
        Assert.Equal(HttpStatusCode.Created, need.StatusCode);
        return (clientId, (await need.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needId").GetGuid());
    }

    internal static async Task<Guid> DraftAsync(HttpClient worker, Guid clientId, object body)
    {
        using var drafted = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", body);
        Assert.True(drafted.StatusCode == HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var created = await drafted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        return created.GetProperty("planId").GetGuid();
    }

    /// <summary>Two goals (housing for the need, language), an action for the client and one for the case worker or a partner.</summary>
    internal static object PlanBody(Guid? needId, Guid? organisationId, string? endsOn = null) => new
    {
        startsOn = Day(0),
        endsOn = endsOn ?? Day(180),
        goals = new object[]
        {
            new { needId, domain = "housing", description = "Find stable housing", indicator = "A signed lease" },
            new { domain = "language", description = "Reach A2 Italian" },
        },
        actions = new object[]
        {
            new { goal = 1, description = "Attend the evening course", responsible = new { kind = "client" }, dueOn = Day(30) },
            organisationId is { } organisation
                ? new { goal = 1, description = "Offer a course place", responsible = new { kind = "organisation", organisationId = (Guid?)organisation }, dueOn = Day(14) }
                : new { goal = 0, description = "Apply for social housing", responsible = new { kind = "caseworker", organisationId = (Guid?)null }, dueOn = Day(14) },
        },
    };

    internal static object Agreement() => new { agreedOn = Day(0), language = "ar", signedByClient = true, note = "Explained with a mediator" };

    private static object Revision(Guid goalId) => new
    {
        startsOn = Day(0),
        endsOn = Day(200),
        goals = new[] { new { goalId, domain = "housing", description = "Find a flat with a lease" } },
        actions = Array.Empty<object>(),
    };

    private static object Review(JsonElement goal, string progress) =>
        new { reviewedOn = Day(0), goals = new[] { new { goalId = goal.GetProperty("goalId").GetGuid(), progress, note = "Going well" } }, nextReviewOn = Day(60) };

    internal static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
