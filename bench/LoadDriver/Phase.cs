using System.Diagnostics;
using System.Globalization;

namespace Integration.Bench;

internal static class Phase
{
    /// <summary>Runs a warm-up, then <paramref name="count"/> operations from <paramref name="concurrency"/> workers, timing each.</summary>
    public static async Task<PhaseResult> RunAsync(string name, int count, int concurrency, int warmUp, Func<int, Task> operation)
    {
        Console.WriteLine($"{name}: warming up ({warmUp})");
        for (var i = 0; i < warmUp; i++)
        {
            await operation(count + i);
        }

        Console.WriteLine($"{name}: measuring {count} at concurrency {concurrency}");
        var latencies = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        wall.Stop();
        return Result(name, latencies, wall.Elapsed);
    }

    /// <summary>
    /// Starts <paramref name="count"/> operations at <paramref name="perSecond"/> whatever their latency (an open loop, as
    /// people arrive at a desk: a slow answer does not hold the next arrival back), timing each.
    /// </summary>
    public static async Task<PhaseResult> RunPacedAsync(string name, int count, double perSecond, Func<int, Task> operation)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {count} arriving at {perSecond:0.#} a second"));
        var latencies = new double[count];
        var running = new List<Task>(count);
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > wall.Elapsed)
            {
                await Task.Delay(due - wall.Elapsed);
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await operation(index);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(running);
        wall.Stop();
        return Result(name, latencies, wall.Elapsed);
    }

    public static void Print(params PhaseResult[] results)
    {
        Console.WriteLine();
        Console.WriteLine(PhaseResult.Header);
        foreach (var result in results)
        {
            Console.WriteLine(result);
        }
    }

    private static PhaseResult Result(string name, double[] latencies, TimeSpan elapsed)
    {
        Array.Sort(latencies);
        return new PhaseResult(name, latencies.Length, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}

internal sealed record PhaseResult(string Name, int Count, TimeSpan Elapsed, double P50, double P95, double P99)
{
    public const string Header = "phase                                            ops   seconds    ops/s   p50 ms   p95 ms   p99 ms";

    public double Throughput => Count / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-46} {Count,6} {Elapsed.TotalSeconds,9:0.00} {Throughput,8:0.0} {P50,8:0.00} {P95,8:0.00} {P99,8:0.00}");
}
