using System.Globalization;

namespace Integration.Bench;

/// <summary>
/// CPU time (user + system, from <c>/proc/[pid]/stat</c>) of the processes on this machine, grouped by what they
/// are, so a run can say what each part of the system spent per request. Linux only; elsewhere it reads nothing.
/// A process that starts and ends between two snapshots is not seen (PostgreSQL's pooled backends live on).
/// </summary>
internal static class ProcessCpu
{
    private static readonly (string Marker, string Group)[] Groups =
    [
        ("Intake.Api", "intake"), ("Referrals.Api", "referrals"), ("Mediators.Api", "mediators"), ("Gateway", "gateway"),
        ("Portal", "portal"), ("postgres", "postgresql"), ("beam.smp", "rabbitmq"), ("LoadDriver", "load driver"),
    ];

    private static readonly double TicksPerSecond = 100;

    /// <summary>CPU seconds used so far by each process, keyed by pid, with its group.</summary>
    public static Dictionary<int, (string Group, double Seconds)> Snapshot()
    {
        var snapshot = new Dictionary<int, (string, double)>();
        if (!Directory.Exists("/proc"))
        {
            return snapshot;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var group = Groups.FirstOrDefault(candidate => commandLine.Contains(candidate.Marker, StringComparison.Ordinal)).Group;
                if (group is null)
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                snapshot[pid] = (group, ticks / TicksPerSecond);
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process.
            }
        }

        return snapshot;
    }

    /// <summary>Prints each group's CPU time between two snapshots, in total and per operation.</summary>
    public static void Print(Dictionary<int, (string Group, double Seconds)> before, Dictionary<int, (string Group, double Seconds)> after,
        int operations, string operation, string window)
    {
        var spent = after
            .GroupBy(process => process.Value.Group)
            .Select(group => (Group: group.Key, Seconds: group.Sum(process => process.Value.Seconds - before.GetValueOrDefault(process.Key).Seconds)))
            .OrderByDescending(group => group.Seconds)
            .ToList();
        Console.WriteLine();
        Console.WriteLine($"{$"CPU time {window}",-72} {"seconds",8} {$"ms per {operation}",12}");
        foreach (var (group, seconds) in spent)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group,-72} {seconds,8:0.0} {seconds * 1000 / operations,12:0.00}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"all of the above",-72} {spent.Sum(group => group.Seconds),8:0.0} {spent.Sum(group => group.Seconds) * 1000 / operations,12:0.00}"));
    }
}
