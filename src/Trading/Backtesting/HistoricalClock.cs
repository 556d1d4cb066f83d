using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Trading.Domain;

namespace Trading.Backtesting;

/// <summary>The clock of a backtest: walks the merged timeline of several series, one time at a time, and says
/// which symbols have a bar at that time.</summary>
/// <remarks>
/// A k-way merge with one cursor per series, so nothing is sorted or copied: each step finds the earliest next bar
/// (one comparison per symbol, over an array of the cursors' times) and advances the cursors that sit on it. A symbol
/// with no bar at a time is simply not in <see cref="Due"/>, so it can neither trade nor be filled on a stale price.
/// </remarks>
internal sealed class HistoricalClock
{
    // Each series' time column, where its bar 0 is, and how many bars it has: read for every symbol at every time,
    // so straight from the arrays (see TicksAt).
    private readonly DateTime[][] _times;
    private readonly int[] _starts;
    private readonly int[] _counts;
    private readonly int[] _next;
    private readonly int[] _due;

    /// <summary>The ticks of each cursor's bar, or <see cref="long.MaxValue"/> once its series is done.</summary>
    private readonly long[] _nextTicks;

    public HistoricalClock(IReadOnlyList<BarSeries> series)
    {
        _times = [.. series.Select(s => s.TimeColumn)];
        _starts = [.. series.Select(s => s.Start)];
        _counts = [.. series.Select(s => s.Count)];
        _next = new int[series.Count];
        _due = new int[series.Count];
        _nextTicks = new long[series.Count];
        for (var s = 0; s < series.Count; s++)
        {
            _nextTicks[s] = TicksAt(s);
        }
    }

    /// <summary>The current time (after a successful <see cref="Advance"/>).</summary>
    public DateTime Time { get; private set; }

    /// <summary>How many symbols have a bar at <see cref="Time"/>; their indices are the first entries of <see cref="Due"/>.</summary>
    public int DueCount { get; private set; }

    /// <summary>Indices of the symbols with a bar at <see cref="Time"/>, in universe order.</summary>
    public ReadOnlySpan<int> Due => _due.AsSpan(0, DueCount);

    /// <summary>How many bars of a symbol have been reached, including the one at <see cref="Time"/>.</summary>
    public int BarsSeen(int symbol) => _next[symbol];

    /// <summary>Moves to the next time at which any series has a bar; false at the end of all of them.</summary>
    public bool Advance()
    {
        var ticks = _nextTicks;

        // The minimum over an array of longs is a vectorised loop in the BCL (several cursors per instruction).
        var earliest = ticks.Length == 0 ? long.MaxValue : ticks.Min();

        if (earliest == long.MaxValue)
        {
            DueCount = 0;
            return false;
        }

        var count = 0;
        var due = _due;
        for (var s = 0; s < ticks.Length; s++)
        {
            if (ticks[s] == earliest)
            {
                due[count++] = s;
                _next[s]++;
                ticks[s] = TicksAt(s);
            }
        }

        Time = new DateTime(earliest, DateTimeKind.Utc);
        DueCount = count;
        return true;
    }

    /// <remarks>Straight from the column, not through the series object (a cache line, and often a page, of its own
    /// for each of hundreds of symbols at every time), and without a bounds check: the index is in range by
    /// construction, the series' own start plus a bar number below its count.</remarks>
    private long TicksAt(int s)
    {
        var next = _next[s];
        return next < _counts[s]
            ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_times[s]), _starts[s] + next).Ticks
            : long.MaxValue;
    }
}
