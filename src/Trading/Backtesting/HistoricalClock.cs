using Trading.Domain;

namespace Trading.Backtesting;

/// <summary>The clock of a backtest: walks the merged timeline of several series, one time at a time, and says
/// which symbols have a bar at that time.</summary>
/// <remarks>
/// A k-way merge with one cursor per series, so nothing is sorted or copied: each step finds the earliest next bar
/// (one comparison per symbol) and advances the cursors that sit on it. A symbol with no bar at a time is simply not
/// in <see cref="Due"/>, so it can neither trade nor be filled on a stale price.
/// </remarks>
internal sealed class HistoricalClock
{
    private readonly BarSeries[] _series;
    private readonly int[] _next;
    private readonly int[] _due;

    public HistoricalClock(IReadOnlyList<BarSeries> series)
    {
        _series = [.. series];
        _next = new int[_series.Length];
        _due = new int[_series.Length];
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
        var earliest = DateTime.MaxValue;
        var found = false;
        for (var s = 0; s < _series.Length; s++)
        {
            var series = _series[s];
            if (_next[s] < series.Count)
            {
                var t = series.Time[_next[s]];
                if (t < earliest)
                {
                    earliest = t;
                }

                found = true;
            }
        }

        if (!found)
        {
            DueCount = 0;
            return false;
        }

        var count = 0;
        for (var s = 0; s < _series.Length; s++)
        {
            var series = _series[s];
            if (_next[s] < series.Count && series.Time[_next[s]] == earliest)
            {
                _due[count++] = s;
                _next[s]++;
            }
        }

        Time = earliest;
        DueCount = count;
        return true;
    }
}
