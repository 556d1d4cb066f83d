using System.Globalization;
using System.Text;
using Trading.Journal;

namespace Trading.Bench;

/// <summary>The steps the journal benchmarks append: the same for every store, so their numbers compare.</summary>
/// <remarks>Each entry is a fill of about 150 bytes of JSON, as a node trading a universe of symbols writes one per
/// order; a step is one bar time's entries.</remarks>
internal static class JournalSteps
{
    public static JournalRecordDraft[][] Make(int steps, int entriesPerStep)
    {
        var start = new DateTime(2024, 1, 2, 21, 0, 0, DateTimeKind.Utc);
        var result = new JournalRecordDraft[steps][];
        for (var s = 0; s < steps; s++)
        {
            var time = start.AddMinutes(s);
            var step = new JournalRecordDraft[entriesPerStep];
            for (var e = 0; e < entriesPerStep; e++)
            {
                var json = string.Create(
                    CultureInfo.InvariantCulture,
                    $$"""{"client_order_id":"n1-{{s}}-{{e}}","symbol":"S{{e:000}}","side":"buy","quantity":"{{100 + e}}","price":"{{187.43 + e}}","commission":"1.00","time":"{{time:O}}"}""");
                step[e] = new JournalRecordDraft(time, "fill", Encoding.UTF8.GetBytes(json));
            }

            result[s] = step;
        }

        return result;
    }

    /// <summary>Appends <paramref name="steps"/> one after the other under one lease, from sequence 1.</summary>
    public static long AppendAll(IJournalStore store, string nodeId, JournalRecordDraft[][] steps, DateTime now)
    {
        long next = 1;
        foreach (var step in steps)
        {
            store.AppendAsync(nodeId, "bench", next, step, now).GetAwaiter().GetResult();
            next += step.Length;
        }

        return next - 1;
    }

    /// <summary>Reads a node's whole journal and returns how many entries and payload bytes it held, so nothing is
    /// optimised away.</summary>
    public static long ReadAll(IJournalStore store, string nodeId) => ReadAllAsync(store, nodeId).GetAwaiter().GetResult();

    private static async Task<long> ReadAllAsync(IJournalStore store, string nodeId)
    {
        long total = 0;
        await foreach (var record in store.ReadAsync(nodeId).ConfigureAwait(false))
        {
            total += record.Payload.Length + 1;
        }

        return total;
    }
}
