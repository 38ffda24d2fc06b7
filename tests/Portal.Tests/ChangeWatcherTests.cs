using Bunit;
using Integration.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Portal.Tests;

/// <summary>A screen that watches for news reloads when the signal moves, and only then.</summary>
public sealed class ChangeWatcherTests : BunitContext
{
    private readonly FakeTimeProvider clock = new();
    private readonly Queue<string?> signals = new(["3.7", "3.7", null, "4.9", "4.9"]);
    private int asked;
    private int reloaded;

    public ChangeWatcherTests()
    {
        Services.AddLocalization();
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddOfficeClock();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private Task<string?> ProbeAsync()
    {
        asked++;
        return Task.FromResult(signals.Count > 0 ? signals.Dequeue() : "4.9");
    }

    [Fact]
    public void the_screen_reloads_once_when_the_signal_moves_and_not_when_it_could_not_be_read()
    {
        var watcher = Render<ChangeWatcher>(parameters => parameters
            .Add(watch => watch.Probe, ProbeAsync)
            .Add(watch => watch.OnChanged, EventCallback.Factory.Create(this, () => reloaded++)));
        Assert.Equal(1, asked);

        for (var tick = 1; tick <= 4; tick++)
        {
            clock.Advance(ChangeWatcher.DefaultInterval);
            watcher.WaitForAssertion(() => Assert.Equal(tick + 1, asked));
        }

        Assert.Equal(1, reloaded);
    }

    [Fact]
    public async Task nothing_is_asked_once_the_screen_is_gone()
    {
        var watcher = Render<ChangeWatcher>(parameters => parameters.Add(watch => watch.Probe, ProbeAsync));
        await watcher.Instance.DisposeAsync();

        clock.Advance(ChangeWatcher.DefaultInterval * 3);

        Assert.Equal(1, asked);
    }
}
