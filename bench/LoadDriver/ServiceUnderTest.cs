using System.Diagnostics;
using System.Net.Http.Headers;
using Integration.ServiceDefaults;

namespace Integration.Bench;

/// <summary>
/// One service started from its Release build as its own process on a loopback port, with a
/// development signing key, for a scenario to measure over HTTP. Disposing stops it.
/// </summary>
internal sealed class ServiceUnderTest : IDisposable
{
    private const string SigningKey = "load-driver-development-signing-key-0123456789";
    private readonly Process process;
    private readonly string name;

    private ServiceUnderTest(string name, Process process, int port)
    {
        this.name = name;
        this.process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    /// <summary>Starts <c>services/{folder}/{assembly}</c>; <paramref name="settings"/> become environment variables.</summary>
    public static async Task<ServiceUnderTest> StartAsync(string name, string folder, string assembly, int port,
        IReadOnlyDictionary<string, string> settings)
    {
        var binaries = Path.Combine(RepositoryRoot(), "services", folder, assembly, "bin", "Release", "net10.0");
        var start = new ProcessStartInfo("dotnet", Path.Combine(binaries, $"{assembly}.dll"))
        {
            WorkingDirectory = binaries,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Auth__DevelopmentSigningKey"] = SigningKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Console.Error.WriteLine($"{name}: {line.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceUnderTest(name, process, port);
        try
        {
            await service.WaitReadyAsync();
        }
        catch
        {
            service.Dispose();
            throw;
        }

        return service;
    }

    /// <summary>Sends every following request with a development token for <paramref name="role"/>.</summary>
    public void SignIn(string role, string? organisation = null)
    {
        var token = DevelopmentTokens.Issue(new AuthSettings(AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, null, SigningKey),
            new TokenRequest("load-driver", role, organisation, "bench", null), DateTimeOffset.UtcNow).AccessToken;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public static async Task EnsureAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: "
                + await response.Content.ReadAsStringAsync());
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited; build the solution in Release first (./run.sh or scripts/build.sh).");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{name} did not become ready");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Integration.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the load driver from inside the repository.");
    }
}
