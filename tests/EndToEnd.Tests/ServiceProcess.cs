using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Integration.EndToEnd.Tests;

/// <summary>
/// One service of the running system, a real process the app host's orchestrator started: its address (which
/// survives a stop and start), the last <paramref name="outputLines"/> lines it wrote, and the orchestrator's
/// stop and start commands.
/// </summary>
public sealed partial class ServiceProcess(DistributedApplication app, IResource resource, int outputLines)
{
    private readonly ConcurrentQueue<string> output = new();

    public string Name => resource.Name;

    public Uri Address => new(app.GetEndpoint(resource.Name, "http"), "/");

    public IReadOnlyList<string> Output => [.. output];

    /// <summary>Whether a test has stopped the process and not yet started it again.</summary>
    public bool StoppedByTest { get; private set; }

    /// <summary>Keeps what the process writes (stdout and stderr) until the system stops; the orchestrator names its one replica once started.</summary>
    public async Task RecordOutputAsync(ResourceLoggerService logs, CancellationToken cancellationToken)
    {
        var replica = app.ResourceNotifications.TryGetCurrentState(Name, out var current) ? current.ResourceId : Name;
        await foreach (var batch in logs.WatchAsync(replica).WithCancellation(cancellationToken))
        {
            foreach (var line in batch)
            {
                // Lines are searched as the process wrote them: without the orchestrator's timestamp or the colours it asks .NET consoles for.
                output.Enqueue(TimestampAndColours().Replace(line.Content, ""));
            }

            while (output.Count > outputLines && output.TryDequeue(out _))
            {
            }
        }
    }

    /// <summary>Kills the process (and the <c>dotnet run</c> around it) as a crash would, and waits until the orchestrator sees it gone.</summary>
    public async Task StopAsync()
    {
        var pid = app.ResourceNotifications.TryGetCurrentState(Name, out var current)
            ? current.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value
            : null;
        var processId = Convert.ToInt32(pid ?? throw new InvalidOperationException($"{Name} has no process."), CultureInfo.InvariantCulture);
        // A snapshot the orchestrator has not yet updated could name a process that ended, whose number another has since taken.
        var commandLine = File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ');
        if (!commandLine.Contains(Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The orchestrator names process {processId} for {Name} ({current?.Snapshot.State?.Text}), but that process is: {commandLine}");
        }

        using var process = Process.GetProcessById(processId);
        StoppedByTest = true;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var seen = new ConcurrentQueue<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await app.ResourceNotifications.WaitForResourceAsync(Name, update =>
            {
                seen.Enqueue(update.Snapshot.State?.Text ?? "(none)");
                return update.Snapshot.State?.Text is { } state && IsGone(state);
            }, timeout.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The orchestrator did not see {Name} (pid {pid}) gone within 60 s; states seen: {string.Join(", ", seen)}.", exception);
        }
    }

    /// <summary>
    /// A process that ended: Aspire 13.6 passes the orchestrator's own word through, so a killed executable may be
    /// reported <c>Terminated</c> as well as one of <see cref="KnownResourceStates.TerminalStates"/>.
    /// </summary>
    public static bool IsGone(string state) => KnownResourceStates.TerminalStates.Contains(state) || state == "Terminated";

    /// <summary>
    /// Starts the process again. The orchestrator may refuse for a moment after a kill, until it has settled the
    /// resource as stopped: the command is repeated until it is accepted, and its last refusal is reported.
    /// </summary>
    public async Task StartAsync()
    {
        var refusal = "";
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                var result = await app.ResourceCommands.ExecuteCommandAsync(resource, "resource-start");
                refusal = result.Message ?? "";
                return result.Success;
            }, $"the orchestrator to start {Name}");
            StoppedByTest = false;
        }
        catch (TimeoutException exception)
        {
            throw new InvalidOperationException($"{exception.Message} Its last refusal: {refusal}", exception);
        }
    }

    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    using var response = await http.GetAsync("health/ready");
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Refused, or slower than the probe's timeout while the machine is busy starting everything: not ready yet.
                    return false;
                }
            }, $"{Name} to become ready", TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException exception)
        {
            throw new InvalidOperationException($"{exception.Message} Its last output:\n{string.Join('\n', output)}", exception);
        }
    }

    /// <summary>Runs a test step; when it fails, the failure carries this process's last output (a browser test's server side).</summary>
    public async Task ExplainFailureAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(
                $"{exception.Message}\n--- last output of {Name} ---\n{string.Join('\n', output.TakeLast(80))}", exception);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT[0-9:.]+Z |\x1b\[[0-9;]*m")]
    private static partial Regex TimestampAndColours();
}
