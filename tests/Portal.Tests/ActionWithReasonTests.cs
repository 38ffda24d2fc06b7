using System.Globalization;
using System.Net;
using Bunit;
using Integration.Portal.Api;
using Integration.Portal.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

public sealed class ActionWithReasonTests : BunitContext
{
    private readonly List<string?> reasons = [];

    public ActionWithReasonTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        Services.AddLocalization();
    }

    [Fact]
    public void a_required_reason_is_asked_for_next_to_the_action_and_nothing_is_done_without_it()
    {
        var action = RenderAction(reasonRequired: true, answer: null);
        action.Find("button").Click();

        action.Find("form").Submit();

        Assert.Equal("This field is required.", action.Find("#withdraw-errors").TextContent.Trim());
        Assert.Empty(reasons);
    }

    [Fact]
    public void the_reason_typed_is_what_the_action_receives_and_the_form_closes_when_it_succeeds()
    {
        var action = RenderAction(reasonRequired: true, answer: null);
        action.Find("button").Click();
        action.Find("#withdraw").Change("Moved to Bologna");

        action.Find("form").Submit();

        action.WaitForAssertion(() => Assert.Empty(action.FindAll("form")));
        Assert.Equal(["Moved to Bologna"], reasons);
    }

    [Fact]
    public async Task a_refusal_stays_on_screen_in_plain_words_with_the_form_open()
    {
        var refusal = await FakeIntakeApi.ProblemAsync(HttpStatusCode.Conflict, new { code = "invalid_transition", title = "A referral that is completed cannot be withdrawn." });
        var action = RenderAction(reasonRequired: false, answer: refusal);
        action.Find("button").Click();

        action.Find("form").Submit();

        action.WaitForAssertion(() => Assert.Equal("The system refused this: A referral that is completed cannot be withdrawn.",
            action.Find("[role=alert]").TextContent.Trim()));
        Assert.Single(action.FindAll("form"));
        Assert.Equal([null], reasons);
    }

    private IRenderedComponent<ActionWithReason> RenderAction(bool reasonRequired, ApiProblem? answer) =>
        Render<ActionWithReason>(parameters => parameters
            .Add(action => action.Id, "withdraw")
            .Add(action => action.Label, "Withdraw")
            .Add(action => action.Confirm, "Withdraw the referral")
            .Add(action => action.ReasonRequired, reasonRequired)
            .Add(action => action.Act, reason =>
            {
                reasons.Add(reason);
                return Task.FromResult(answer);
            }));
}
