using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Trading.Domain;

namespace Trading.Engine;

/// <summary>The timeline of a backtest: walks the merged timeline of several series, one time at a time, and says
/// which symbols have a bar at that time.</summary>
/// <remarks>
/// A k-way merge with one cursor per series, so nothing is sorted or copied: each step finds the earliest next bar
/// (one comparison per symbol, over an array of the cursors' times) and advances the cursors that sit on it. A symbol
/// with no bar at a time is simply not in <see cref="Timeline.Due"/>, so it can neither trade nor be filled on a stale price.
/// </remarks>
public sealed class HistoricalTimeline : Timeline
{
    // Each series' time column, where its bar 0 is, and how many bars it has: read for every symbol at every time,
    // so straight from the arrays (see TicksAt).
    private readonly DateTime[][] _times;
    private readonly int[] _starts;
    private readonly int[] _counts;

    /// <summary>The ticks of each cursor's bar, or <see cref="long.MaxValue"/> once its series is done.</summary>
    private readonly long[] _nextTicks;

    public HistoricalTimeline(IReadOnlyList<BarSeries> series)
        : base([.. series])
    {
        _times = [.. series.Select(s => s.TimeColumn)];
        _starts = [.. series.Select(s => s.Start)];
        _counts = [.. series.Select(s => s.Count)];
        _nextTicks = new long[series.Count];
        for (var s = 0; s < series.Count; s++)
        {
            _nextTicks[s] = TicksAt(s);
        }
    }

    /// <inheritdoc />
    public override int ExpectedTimes => _counts.Length == 0 ? 0 : _counts.Max();

    /// <summary>Moves to the next time at which any series has a bar; false at the end of all of them.</summary>
    public override bool Advance()
    {
        var ticks = _nextTicks;

        // The minimum over an array of longs is a vectorised loop in the BCL (several cursors per instruction).
        var earliest = ticks.Length == 0 ? long.MaxValue : ticks.Min();

        if (earliest == long.MaxValue)
        {
            MoveTo(Time, 0);
            return false;
        }

        var count = 0;
        var due = DueIndices;
        var seen = Seen;
        for (var s = 0; s < ticks.Length; s++)
        {
            if (ticks[s] == earliest)
            {
                due[count++] = s;
                seen[s]++;
                ticks[s] = TicksAt(s);
            }
        }

        MoveTo(new DateTime(earliest, DateTimeKind.Utc), count);
        return true;
    }

    /// <remarks>Straight from the column, not through the series object (a cache line, and often a page, of its own
    /// for each of hundreds of symbols at every time), and without a bounds check: the index is in range by
    /// construction, the series' own start plus a bar number below its count.</remarks>
    private long TicksAt(int s)
    {
        var next = Seen[s];
        return next < _counts[s]
            ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_times[s]), _starts[s] + next).Ticks
            : long.MaxValue;
    }
}
