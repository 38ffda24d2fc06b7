using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Web;
using Bunit;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Mediators;
using Integration.Portal.Components.Clients;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

/// <summary>The free times offered when booking a mediator: asked for what the form says, shown by office day, picked into the start.</summary>
public sealed class FreeSlotPickerTests : BunitContext
{
    private readonly ScriptedSlots api = new();
    private DateTime? picked;

    public FreeSlotPickerTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        Services.AddLocalization();
        Services.AddRomeClock();
        Services.AddSingleton(new MediatorsApi(new HttpClient(api) { BaseAddress = new Uri("http://gateway/") }));
    }

    private IRenderedComponent<FreeSlotPicker> RenderPicker(string? language, MediationMode mode = MediationMode.Phone, int minutes = 45) =>
        Render<FreeSlotPicker>(parameters => parameters
            .Add(picker => picker.Language, language)
            .Add(picker => picker.Mode, mode)
            .Add(picker => picker.Specialism, Specialism.Health)
            .Add(picker => picker.Minutes, minutes)
            .Add(picker => picker.Pick, EventCallback.Factory.Create<DateTime>(this, value => picked = value)));

    [Fact]
    public void the_free_times_are_asked_for_what_the_form_says_grouped_by_office_day_and_a_pick_fills_the_start()
    {
        var picker = RenderPicker("om");
        picker.Find("button").Click();

        picker.WaitForAssertion(() => Assert.Equal(2, picker.FindAll("fieldset.free-day").Count));
        var query = Assert.Single(api.Requests);
        Assert.Equal(("om", "phone", "health", "45", "3", "Europe/Rome"),
            (query["language"], query["mode"], query["specialism"], query["durationMinutes"], query["days"], query["timeZone"]));
        Assert.Equal(["Monday 14 January", "Tuesday 15 January"], picker.FindAll("legend").Select(legend => legend.TextContent));
        Assert.Equal(["09:00, 2 free", "09:30, 1 free"],
            picker.FindAll("fieldset.free-day")[0].QuerySelectorAll("button").Select(button => button.GetAttribute("aria-label")));

        picker.FindAll("fieldset.free-day")[1].QuerySelector("button")!.Click();
        Assert.Equal(new DateTime(2030, 1, 15, 14, 0, 0), picked);
    }

    [Fact]
    public void without_a_language_nothing_is_asked_and_the_form_says_what_is_missing()
    {
        var picker = RenderPicker(language: null);
        picker.Find("button").Click();

        Assert.Contains("Choose the language first.", picker.Markup, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void free_times_shown_for_one_length_go_when_the_length_changes()
    {
        var picker = RenderPicker("om");
        picker.Find("button").Click();
        picker.WaitForAssertion(() => Assert.NotEmpty(picker.FindAll("fieldset.free-day")));

        picker.Render(parameters => parameters.Add(component => component.Minutes, 90));

        Assert.Empty(picker.FindAll("fieldset.free-day"));
    }

    [Fact]
    public void days_without_anyone_free_say_so()
    {
        api.Empty = true;
        var picker = RenderPicker("om");
        picker.Find("button").Click();

        picker.WaitForAssertion(() => Assert.Contains("No mediator who fits is free in these days.", picker.Markup, StringComparison.Ordinal));
    }

    /// <summary>Answers <c>GET api/mediators/bookings/free-slots</c> with three starts over two days in Rome's winter offset.</summary>
    private sealed class ScriptedSlots : HttpMessageHandler
    {
        public List<System.Collections.Specialized.NameValueCollection> Requests { get; } = [];

        public bool Empty { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/api/mediators/bookings/free-slots", request.RequestUri!.AbsolutePath);
            Requests.Add(HttpUtility.ParseQueryString(request.RequestUri.Query));
            var rome = TimeSpan.FromHours(1);
            FreeSlot[] slots = Empty
                ? []
                :
                [
                    Slot(new DateTimeOffset(2030, 1, 14, 9, 0, 0, rome), 2),
                    Slot(new DateTimeOffset(2030, 1, 14, 9, 30, 0, rome), 1),
                    Slot(new DateTimeOffset(2030, 1, 15, 14, 0, 0, rome), 1),
                ];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(
                    new FreeSlots { TimeZone = "Europe/Rome", From = new DateOnly(2030, 1, 14), To = new DateOnly(2030, 1, 16), Slots = slots },
                    options: ApiCalls.Json),
            });
        }

        private static FreeSlot Slot(DateTimeOffset start, int free) => new() { Start = start, End = start.AddMinutes(45), FreeMediators = free };
    }
}
