using System.Collections.Concurrent;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// Remembers a pure function's answers for the names it was asked about. A duplicate check scores 200
/// candidates, folding and reducing the same few hundred names again and again (70 µs a candidate
/// without it); names repeat across a register, so a bounded memo serves most of them. Emptied when full,
/// so an unbounded stream of distinct names costs memory only up to the bound.
/// </summary>
internal sealed class MemoCache<TAnswer>(int capacity = 200_000)
{
    private readonly ConcurrentDictionary<string, TAnswer> answers = new(StringComparer.Ordinal);

    public TAnswer GetOrAdd(string key, Func<string, TAnswer> compute)
    {
        if (answers.TryGetValue(key, out var known))
        {
            return known;
        }

        if (answers.Count >= capacity)
        {
            answers.Clear();
        }

        return answers.GetOrAdd(key, compute);
    }
}
