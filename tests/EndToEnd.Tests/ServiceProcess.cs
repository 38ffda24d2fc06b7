using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Integration.EndToEnd.Tests;

/// <summary>
/// One service as a real process (<c>dotnet Service.dll</c>) from its Release or Debug build
/// output, on a fixed loopback port that survives restarts. Keeps the last <paramref name="outputLines"/>
/// lines it writes (stdout and stderr), to explain a failed start or to be searched.
/// </summary>
public sealed class ServiceProcess(string name, string projectFolder, string assembly, IReadOnlyDictionary<string, string> settings,
    int outputLines = 200, int? port = null)
    : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public string Name { get; } = name;

    public int Port { get; } = port ?? FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<string> Output => [.. output];

    public void Start()
    {
        var binaries = Repository.PathTo(projectFolder, "bin", BuildConfiguration, "net10.0");
        var start = new ProcessStartInfo("dotnet", Path.Combine(binaries, assembly + ".dll"))
        {
            WorkingDirectory = binaries,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                if (process is null || process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited.");
                }

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
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{exception.Message} Its last output:\n{string.Join('\n', output)}", exception);
        }
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Runs a test step; when it fails, the failure carries this process's last output (a browser test's server side).</summary>
    public async Task ExplainFailureAsync(Func<Task> step)
    {
        ArgumentNullException.ThrowIfNull(step);
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

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > outputLines && output.TryDequeue(out _))
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string BuildConfiguration =>
        typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
