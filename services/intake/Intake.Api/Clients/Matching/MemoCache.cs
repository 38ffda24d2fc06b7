using System.Collections.Concurrent;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// Remembers a pure function's answers for the names it was asked about. A duplicate check scores 200
/// candidates, folding and reducing the same few hundred names again and again (70 µs a candidate
/// without it); names repeat across a register, so a small memo serves most of them. Emptied when full,
/// so a stream of distinct names (a re-keying of the whole register) costs at most the bound: 20,000
/// short strings and their answers, a few MB per memo.
/// </summary>
internal sealed class MemoCache<TAnswer>(int capacity = 20_000)
{
    private readonly ConcurrentDictionary<string, TAnswer> answers = new(StringComparer.Ordinal);
    private int count;

    public TAnswer GetOrAdd(string key, Func<string, TAnswer> compute)
    {
        if (answers.TryGetValue(key, out var known))
        {
            return known;
        }

        // Counted apart: ConcurrentDictionary.Count takes every lock, on every miss.
        if (Interlocked.Increment(ref count) > capacity)
        {
            answers.Clear();
            Interlocked.Exchange(ref count, 0);
        }

        return answers.GetOrAdd(key, compute);
    }
}
