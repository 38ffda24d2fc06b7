using System.Globalization;
using System.Net;
using Bunit;
using Integration.Portal.Api;
using Integration.Portal.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

public sealed class ChoiceActionTests : BunitContext
{
    private readonly List<(string Choice, string? Note)> calls = [];

    public ChoiceActionTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        Services.AddLocalization();
    }

    [Fact]
    public void nothing_is_done_until_a_choice_is_made_and_the_message_is_next_to_the_choice()
    {
        var action = RenderAction(answer: null);
        action.Find("button").Click();

        action.Find("form").Submit();

        Assert.Equal("This field is required.", action.Find("#resolve-choice-errors").TextContent.Trim());
        Assert.Empty(calls);
    }

    [Fact]
    public void the_choice_and_the_note_typed_are_what_the_action_receives_and_the_form_closes_when_it_succeeds()
    {
        var action = RenderAction(answer: null);
        action.Find("button").Click();
        action.Find("#resolve-choice").Change("partially_met");
        action.Find("#resolve-note").Change("  Found a room until March  ");

        action.Find("form").Submit();

        action.WaitForAssertion(() => Assert.Empty(action.FindAll("form")));
        Assert.Equal([("partially_met", "Found a room until March")], calls);
    }

    [Fact]
    public async Task the_apis_field_errors_are_shown_next_to_their_inputs_with_what_was_chosen_kept()
    {
        var refusal = await FakeIntakeApi.ProblemAsync(HttpStatusCode.BadRequest, new
        {
            code = "validation_failed",
            title = "The request has invalid fields.",
            errors = new Dictionary<string, string[]> { ["note"] = ["At most 2000 characters."] },
        });
        var action = RenderAction(answer: refusal);
        action.Find("button").Click();
        action.Find("#resolve-choice").Change("met");

        action.Find("form").Submit();

        action.WaitForAssertion(() => Assert.Equal("At most 2000 characters.", action.Find("#resolve-note-errors").TextContent.Trim()));
        Assert.Equal("met", action.Find("#resolve-choice").GetAttribute("value"));
        Assert.Contains("Some fields need attention", action.Find("[role=alert]").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    private IRenderedComponent<ChoiceAction> RenderAction(ApiProblem? answer) =>
        Render<ChoiceAction>(parameters => parameters
            .Add(action => action.Id, "resolve")
            .Add(action => action.Label, "Resolve")
            .Add(action => action.Confirm, "Resolve the need")
            .Add(action => action.ChoiceLabel, "Outcome")
            .Add(action => action.Choices, [KeyValuePair.Create("met", "met"), KeyValuePair.Create("partially_met", "partly met")])
            .Add(action => action.NoteLabel, "Note")
            .Add(action => action.Act, (choice, note) =>
            {
                calls.Add((choice, note));
                return Task.FromResult(answer);
            }));
}
