using Trading.Domain;

namespace Trading.Engine;

/// <summary>The timeline of a trading node: bar times arrive from a feed, each with the bars of the symbols that
/// traded then, and become the engine's next times in order.</summary>
/// <remarks>Each symbol's bars are kept in a builder whose columns grow by doubling, and <see cref="Timeline.Series"/>
/// holds a view of the bars so far: a new bar costs O(1), not a copy of the history. A view never changes once made
/// (later bars are written past its end), so what the strategy took earlier stays as it was.</remarks>
public sealed class FeedTimeline : Timeline
{
    private readonly Interval _interval;
    private readonly BarSeriesBuilder[] _builders;
    private readonly Dictionary<Symbol, int> _indexBySymbol = [];
    private readonly Queue<(DateTime Time, int[] Symbols, Bar[] Bars)> _queue = new();
    private DateTime _lastQueued = DateTime.MinValue;

    public FeedTimeline(IReadOnlyList<Symbol> symbols, Interval interval)
        : base(Empty(symbols, interval))
    {
        _interval = interval;
        _builders = new BarSeriesBuilder[symbols.Count];
        for (var s = 0; s < symbols.Count; s++)
        {
            if (!_indexBySymbol.TryAdd(symbols[s], s))
            {
                throw new ArgumentException($"{symbols[s]} is in the universe twice.", nameof(symbols));
            }

            _builders[s] = new BarSeriesBuilder(64);
        }
    }

    /// <inheritdoc />
    public override bool Grows => true;

    /// <summary>Bar times queued and not yet reached.</summary>
    public int Queued => _queue.Count;

    /// <summary>The last bar time queued, or null before the first.</summary>
    public DateTime? LastQueued => _lastQueued == DateTime.MinValue ? null : _lastQueued;

    /// <summary>Queues one completed bar time with its bars (every bar dated <paramref name="time"/>, each symbol of
    /// the universe at most once, each within the bar rule).</summary>
    /// <exception cref="ArgumentException">A time not after the last one queued, a bar of another time, a symbol
    /// outside the universe or given twice, or a bar that breaks the bar rule: a feed delivers none of these.</exception>
    public void Enqueue(DateTime time, IReadOnlyList<(Symbol Symbol, Bar Bar)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (time.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"A bar time must be UTC; got {time:O} ({time.Kind}).", nameof(time));
        }

        if (time <= _lastQueued)
        {
            throw new ArgumentException($"Bar times must increase: {time:O} does not come after {_lastQueued:O}.", nameof(time));
        }

        var symbols = new int[bars.Count];
        var values = new Bar[bars.Count];
        for (var i = 0; i < bars.Count; i++)
        {
            var (symbol, bar) = bars[i];
            if (!_indexBySymbol.TryGetValue(symbol, out var s))
            {
                throw new ArgumentException($"{symbol} is not in this node's universe.", nameof(bars));
            }

            if (bar.Time != time)
            {
                throw new ArgumentException($"The {symbol} bar is dated {bar.Time:O}, not {time:O}.", nameof(bars));
            }

            if (BarRule.Problem(bar.Time, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume) is { } problem)
            {
                throw new ArgumentException($"The {symbol} bar at {time:O} breaks the bar rule: {problem}.", nameof(bars));
            }

            symbols[i] = s;
            values[i] = bar;
        }

        // A feed delivers the symbols in the order they were asked for, the universe's: sorted already, as a rule.
        if (!IsIncreasing(symbols))
        {
            Array.Sort(symbols, values);
        }

        for (var i = 1; i < symbols.Length; i++)
        {
            if (symbols[i] == symbols[i - 1])
            {
                throw new ArgumentException($"{Series[symbols[i]].Symbol} has two bars at {time:O}.", nameof(bars));
            }
        }

        _queue.Enqueue((time, symbols, values));
        _lastQueued = time;
    }

    /// <summary>Moves to the next queued bar time, adding its bars; false when nothing is queued.</summary>
    public override bool Advance()
    {
        if (!_queue.TryDequeue(out var next))
        {
            MoveTo(Time, 0);
            return false;
        }

        var due = DueIndices;
        for (var i = 0; i < next.Symbols.Length; i++)
        {
            var s = next.Symbols[i];
            var builder = _builders[s];
            builder.Add(next.Bars[i]);
            Series[s] = builder.View(Series[s].Symbol, _interval);
            Seen[s] = builder.Count;
            due[i] = s;
        }

        MoveTo(next.Time, next.Symbols.Length);
        return true;
    }

    private static bool IsIncreasing(int[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] <= values[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static BarSeries[] Empty(IReadOnlyList<Symbol> symbols, Interval interval)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        return [.. symbols.Select(s => new BarSeries(s, interval, [], [], [], [], [], []))];
    }
}
