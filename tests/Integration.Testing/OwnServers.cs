using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Integration.Testing;

/// <summary>
/// A PostgreSQL and a RabbitMQ server of a test's own: Debian's packaged binaries run as processes
/// in a temporary directory on free ports, so a fault test can stop and start them, as an operator or
/// a crash would, without touching the servers every other test shares. Root runs them as the
/// packages' own users (<c>postgres</c>, <c>rabbitmq</c>), as initdb and the Erlang cookie require.
/// </summary>
public sealed class OwnServers : IAsyncDisposable
{
    public const string PostgresBinVariable = "INTEGRATION_FAULT_POSTGRES_BIN";
    public const string RabbitMqBinVariable = "INTEGRATION_FAULT_RABBITMQ_BIN";

    private const string AdminUser = "fault-admin";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly string directory;
    private readonly string postgresBin;
    private readonly string rabbitMqBin;
    private readonly int postgresPort = FreePort();
    private readonly int rabbitMqPort = FreePort();
    private readonly int managementPort = FreePort();
    private readonly int distributionPort = FreePort();
    private readonly string adminPassword = Guid.NewGuid().ToString("N");
    private readonly string node;

    private OwnServers(string postgresBin, string rabbitMqBin)
    {
        this.postgresBin = postgresBin;
        this.rabbitMqBin = rabbitMqBin;
        var name = Guid.NewGuid().ToString("N")[..8];
        directory = Path.Combine(Path.GetTempPath(), $"integration-faults-{name}");
        node = $"faults-{name}@localhost";
    }

    public TestInfrastructure Infrastructure => TestInfrastructure.At(
        $"Host=localhost;Port={postgresPort};Username=integration;Password=integration;Database=integration_test",
        new Uri($"amqp://{AdminUser}:{adminPassword}@localhost:{rabbitMqPort}"),
        new Uri($"http://{AdminUser}:{adminPassword}@localhost:{managementPort}"));

    private string PostgresData => Path.Combine(directory, "postgres");

    private string RabbitMqHome => Path.Combine(directory, "rabbitmq");

    private string RabbitMqPidFile => Path.Combine(RabbitMqHome, "pid");

    /// <summary>Creates both servers and starts them; the binaries come from the variables test.sh sets, or Debian's places.</summary>
    public static async Task<OwnServers> StartAsync()
    {
        var servers = new OwnServers(Binaries(PostgresBinVariable, PostgresBinaries(), "initdb", "postgresql"),
            Binaries(RabbitMqBinVariable, ["/usr/lib/rabbitmq/bin"], "rabbitmq-server", "rabbitmq-server"));
        Directory.CreateDirectory(servers.directory);
        try
        {
            await servers.CreateAsync();
            await Task.WhenAll(servers.StartPostgresAsync(), servers.StartRabbitMqAsync());
            await TestInfrastructure.EnsureDatabaseExistsAsync(servers.Infrastructure.Postgres);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops PostgreSQL as an operator's restart does (open connections end, new ones are refused) and leaves it stopped.</summary>
    public Task StopPostgresAsync() => RunAsync("postgres", Path.Combine(postgresBin, "pg_ctl"), "-D", PostgresData, "-m", "fast", "-w", "stop");

    public Task StartPostgresAsync() =>
        RunAsync("postgres", Path.Combine(postgresBin, "pg_ctl"), "-D", PostgresData, "-l", Path.Combine(directory, "postgres.log"), "-w",
            "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-o",
            $"-p {postgresPort} -k '{directory}' -c listen_addresses=localhost -c fsync=off", "start");

    /// <summary>Stops the RabbitMQ node and waits until its process has ended; what is durable stays on its disk.</summary>
    public Task StopRabbitMqAsync() => RabbitMqControlAsync("stop", RabbitMqPidFile);

    /// <summary>Starts the RabbitMQ node and waits until it and its management plugin run.</summary>
    public async Task StartRabbitMqAsync()
    {
        await RunAsync("rabbitmq", Path.Combine(rabbitMqBin, "rabbitmq-server"), "-detached");
        await RabbitMqControlAsync("wait", RabbitMqPidFile, "--timeout", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(Path.Combine(RabbitMqHome, "mnesia")))
        {
            await IgnoringFailureAsync(StopRabbitMqAsync);
        }

        if (File.Exists(Path.Combine(PostgresData, "postmaster.pid")))
        {
            await IgnoringFailureAsync(() => RunAsync("postgres", Path.Combine(postgresBin, "pg_ctl"), "-D", PostgresData, "-m", "immediate", "-w", "stop"));
        }

        Directory.Delete(directory, recursive: true);
    }

    private async Task CreateAsync()
    {
        Directory.CreateDirectory(RabbitMqHome);
        await File.WriteAllTextAsync(Path.Combine(RabbitMqHome, "rabbitmq.conf"), string.Join('\n',
            $"listeners.tcp.1 = 127.0.0.1:{rabbitMqPort}",
            "management.tcp.ip = 127.0.0.1",
            $"management.tcp.port = {managementPort}",
            "loopback_users = none",
            $"default_user = {AdminUser}",
            $"default_pass = {adminPassword}",
            "default_user_tags.administrator = true",
            "default_permissions.configure = .*",
            "default_permissions.read = .*",
            "default_permissions.write = .*",
            ""));
        await File.WriteAllTextAsync(Path.Combine(RabbitMqHome, "enabled_plugins"), "[rabbitmq_management].\n");
        if (RunsAsRoot)
        {
            await RunAsync("root", "chown", "postgres", directory);
            await RunAsync("root", "chown", "-R", "rabbitmq", RabbitMqHome);
        }

        await RunAsync("postgres", Path.Combine(postgresBin, "initdb"), "-D", PostgresData, "-U", "integration", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8");
    }

    private Task RabbitMqControlAsync(params string[] arguments) =>
        RunAsync("rabbitmq", Path.Combine(rabbitMqBin, "rabbitmqctl"), ["-n", node, .. arguments]);

    /// <summary>Runs a server's command as that server's user when this is root, with the node's environment for RabbitMQ.</summary>
    private async Task RunAsync(string user, string command, params string[] arguments)
    {
        var asOther = RunsAsRoot && user != "root";
        var start = new ProcessStartInfo(asOther ? "runuser" : command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        if (asOther)
        {
            foreach (var argument in new[] { "-u", user, "--", command })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (user == "rabbitmq")
        {
            start.Environment["HOME"] = RunsAsRoot ? "/var/lib/rabbitmq" : Environment.GetEnvironmentVariable("HOME");
            start.Environment["RABBITMQ_NODENAME"] = node;
            start.Environment["RABBITMQ_NODE_PORT"] = rabbitMqPort.ToString(CultureInfo.InvariantCulture);
            start.Environment["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture);
            start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(RabbitMqHome, "rabbitmq.conf");
            start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(RabbitMqHome, "enabled_plugins");
            start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(RabbitMqHome, "mnesia");
            start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(RabbitMqHome, "log");
            start.Environment["RABBITMQ_PID_FILE"] = RabbitMqPidFile;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout + TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} did not end within {StartTimeout + TimeSpan.FromSeconds(30)}; killed.");
        }

        if (process.ExitCode != 0)
        {
            // A server the command started may still hold the pipes open: read what has come, do not wait for their end.
            await Task.WhenAny(Task.WhenAll(output, error), Task.Delay(TimeSpan.FromSeconds(2)));
            var said = string.Concat(output.IsCompletedSuccessfully ? output.Result : "", error.IsCompletedSuccessfully ? error.Result : "");
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}: {said}");
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static IEnumerable<string> PostgresBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var number) ? number : 0)
                .Select(version => Path.Combine(version, "bin"))
            : [];

    private static string Binaries(string variable, IEnumerable<string> candidates, string program, string package)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        var found = (string.IsNullOrWhiteSpace(configured) ? candidates : [configured]).FirstOrDefault(bin => File.Exists(Path.Combine(bin, program)));
        return found ?? throw new InvalidOperationException(
            $"The fault tests start a {package} server of their own and found no {program}: install Debian's {package} package " +
            $"(./test.sh does), or set {variable} to the directory holding it.");
    }

    private static async Task IgnoringFailureAsync(Func<Task> stop)
    {
        try
        {
            await stop();
        }
        catch (InvalidOperationException)
        {
            // Already stopped: the directory goes anyway.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
