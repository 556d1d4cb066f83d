using Trading.Domain;

namespace Trading.Engine;

/// <summary>The clock and the bars of an engine run: which time it is, which symbols have a bar at that time, and how
/// many bars of each symbol exist up to it. A backtest walks stored history (<see cref="HistoricalTimeline"/>); a
/// trading node is moved on by a feed as each bar time completes (<see cref="FeedTimeline"/>). The engine's step reads
/// only this, so it cannot tell which it is driven by.</summary>
/// <remarks>The per-symbol counts live in an array of this base class and are read without a virtual call: the
/// strategy's context reads them for every bar it looks at.</remarks>
public abstract class Timeline
{
    /// <summary>The symbols due at <see cref="Time"/> in the first <see cref="DueCount"/> entries.</summary>
    private protected readonly int[] DueIndices;

    /// <summary>How many bars of each symbol are visible at <see cref="Time"/>: bar <c>Seen[s] - 1</c> is the latest.</summary>
    private protected readonly int[] Seen;

    private protected Timeline(BarSeries[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series = series;
        Seen = new int[series.Length];
        DueIndices = new int[series.Length];
    }

    /// <summary>Each symbol's bars; the engine reads bar <c>BarsSeen(s) - 1</c> and earlier, never later ones.</summary>
    /// <remarks>A timeline that grows replaces a symbol's series as bars arrive (see <see cref="Grows"/>).</remarks>
    public BarSeries[] Series { get; }

    /// <summary>The current bar time (UTC): every bar at or before it may be read.</summary>
    public DateTime Time { get; private set; }

    /// <summary>The symbols (indices into <see cref="Series"/>) with a bar at <see cref="Time"/>, in index order.</summary>
    public ReadOnlySpan<int> Due => DueIndices.AsSpan(0, DueCount);

    /// <summary>How many symbols have a bar at <see cref="Time"/>.</summary>
    public int DueCount { get; private set; }

    /// <summary>Whether <see cref="Series"/> grows while the engine runs (a feed), so readers must not keep a series'
    /// columns from one time to the next.</summary>
    public virtual bool Grows => false;

    /// <summary>How many bar times the run is expected to have, for sizing its lists; 0 when unknown.</summary>
    public virtual int ExpectedTimes => 0;

    /// <summary>The number of bars of <paramref name="symbol"/> at or before <see cref="Time"/>.</summary>
    public int BarsSeen(int symbol) => Seen[symbol];

    /// <summary>Moves to the next bar time; false when there is none (a backtest's end, or a feed with nothing
    /// complete yet).</summary>
    public abstract bool Advance();

    /// <summary>Makes <paramref name="time"/> current, with the first <paramref name="dueCount"/> entries of
    /// <see cref="DueIndices"/> written by the caller.</summary>
    private protected void MoveTo(DateTime time, int dueCount)
    {
        Time = time;
        DueCount = dueCount;
    }
}
