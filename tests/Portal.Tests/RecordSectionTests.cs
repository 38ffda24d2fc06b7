using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Bunit;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Intake;
using Integration.Portal.Components.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

/// <summary>A part of the record reads its data when the record's revision moves, not each time the page re-renders (a tab click, a keystroke).</summary>
public sealed class RecordSectionTests : BunitContext
{
    private static readonly Guid ClientId = Guid.NewGuid();

    private static readonly ClientView Client = Olena();

    /// <summary>The same client as a fresh copy each time, as a new read of the record gives it.</summary>
    private static ClientView Olena() => new()
    {
        Id = ClientId, GivenName = "Olena", FamilyName = "Melnyk", DateOfBirth = new DateOnly(1984, 5, 9), Nationalities = ["UA"],
        PreferredLanguage = "uk", Office = "milan-central", Case = new CaseFile { Status = CaseStatus.Open, OpenedAt = DateTimeOffset.UtcNow },
        RegisteredAt = DateTimeOffset.UtcNow, Version = 5,
    };

    private int reads;

    public RecordSectionTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        Services.AddLocalization();
        Services.AddRomeClock();
        Services.AddSingleton(new CasesApi(new HttpClient(new CountingTimeline(() => reads++)) { BaseAddress = new Uri("http://gateway/") }));
    }

    [Fact]
    public void the_timeline_is_read_once_per_revision_however_often_the_page_renders()
    {
        var timeline = Render<TimelineSection>(parameters => parameters.Add(section => section.Client, Client).Add(section => section.Revision, 1));
        timeline.WaitForAssertion(() => Assert.Equal(1, reads));

        timeline.Render(parameters => parameters.Add(section => section.Client, Olena()).Add(section => section.Revision, 1));
        timeline.Render(parameters => parameters.Add(section => section.Revision, 1));
        Assert.Equal(1, reads);

        timeline.Render(parameters => parameters.Add(section => section.Revision, 2));
        timeline.WaitForAssertion(() => Assert.Equal(2, reads));
    }

    /// <summary>Answers the timeline with nothing in it and counts the questions.</summary>
    private sealed class CountingTimeline(Action read) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.EndsWith("/timeline", request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
            read();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new ListPageOfTimelineEntry { Page = 1, PageSize = 20 }, options: ApiCalls.Json),
            });
        }
    }
}
