using Trading.Domain;
using Trading.Feeds;

namespace Trading.Engine;

/// <summary>The timeline of a trading node: bar times arrive from a feed, each with the bars of the symbols that
/// traded then, and become the engine's next times in order.</summary>
/// <remarks>Each symbol's bars are kept in a builder whose columns grow by doubling, and <see cref="Timeline.Series"/>
/// holds a view of the bars so far: a new bar costs O(1), not a copy of the history. A view never changes once made
/// (later bars are written past its end), so what the strategy took earlier stays as it was. A queued time's symbols
/// and bars sit in arrays of the universe's length that are used again once the time is reached: a feed's step
/// allocates nothing here but the views.</remarks>
public sealed class FeedTimeline : Timeline
{
    private readonly Interval _interval;
    private readonly BarSeriesBuilder[] _builders;
    private readonly Symbol[] _symbols;
    private readonly Dictionary<Symbol, int> _indexBySymbol = [];
    private readonly Queue<QueuedTime> _queue = new();
    private readonly Stack<QueuedTime> _spare = new();
    private DateTime _lastQueued = DateTime.MinValue;

    public FeedTimeline(IReadOnlyList<Symbol> symbols, Interval interval)
        : base(Empty(symbols, interval))
    {
        _interval = interval;
        _symbols = [.. symbols];
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
        CheckTime(time);
        var due = Take();
        var u = 0;
        for (var i = 0; i < bars.Count; i++)
        {
            var (symbol, bar) = bars[i];
            if (bar.Time != time)
            {
                throw new ArgumentException($"The {symbol} bar is dated {bar.Time:O}, not {time:O}.", nameof(bars));
            }

            if (BarRule.Problem(bar.Time, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume) is { } problem)
            {
                throw new ArgumentException($"The {symbol} bar at {time:O} breaks the bar rule: {problem}.", nameof(bars));
            }

            due.Add(IndexOf(symbol, ref u, nameof(bars)), bar);
        }

        Queue(time, due, nameof(bars));
    }

    /// <summary>Queues a feed's slice: its time with the bars of the universe's symbols, leaving out
    /// <paramref name="besides"/> (a node's market index, kept apart) and the symbols whose entry in
    /// <paramref name="stepped"/> is false (a manual node steps a symbol from its first order on; null: every symbol);
    /// false, queuing nothing, when no bar is left.</summary>
    /// <remarks>A slice's bars carry its time and keep the bar rule (<see cref="BarSlice"/>), so they are not checked
    /// again, and a feed lists them in the order of the symbols asked for, the universe's, so each is matched by
    /// walking the universe rather than by a lookup.</remarks>
    /// <exception cref="ArgumentException">A time not after the last one queued, or a symbol outside the universe or
    /// given twice.</exception>
    public bool Enqueue(BarSlice slice, Symbol? besides = null, IReadOnlyList<bool>? stepped = null)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var due = Take();
        var u = 0;
        foreach (ref readonly var item in slice.Span)
        {
            if (besides is { } skipped && item.Symbol == skipped)
            {
                continue;
            }

            var s = IndexOf(item.Symbol, ref u, nameof(slice));
            if (stepped is null || stepped[s])
            {
                due.Add(s, item.Bar);
            }
        }

        if (due.Count == 0)
        {
            _spare.Push(due);
            return false;
        }

        CheckTime(slice.Time);
        Queue(slice.Time, due, nameof(slice));
        return true;
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
        var symbols = next.Symbols;
        var bars = next.Bars;
        var series = Series;
        for (var i = 0; i < next.Count; i++)
        {
            var s = symbols[i];
            var builder = _builders[s];
            builder.Add(bars[i]);
            series[s] = builder.View(_symbols[s], _interval);
            Seen[s] = builder.Count;
            due[i] = s;
        }

        MoveTo(next.Time, next.Count);
        _spare.Push(next);
        return true;
    }

    private void CheckTime(DateTime time)
    {
        if (time.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"A bar time must be UTC; got {time:O} ({time.Kind}).", nameof(time));
        }

        if (time <= _lastQueued)
        {
            throw new ArgumentException($"Bar times must increase: {time:O} does not come after {_lastQueued:O}.", nameof(time));
        }
    }

    /// <summary>Empty arrays for a time's bars: those of a time already reached, or new ones.</summary>
    private QueuedTime Take()
    {
        if (!_spare.TryPop(out var due))
        {
            due = new QueuedTime(_symbols.Length);
        }

        due.Count = 0;
        return due;
    }

    /// <summary>The universe index of <paramref name="symbol"/>: the few symbols after <paramref name="from"/> are
    /// tried first (a feed's bars come in universe order, skipping the symbols without a bar), then the lookup.</summary>
    private int IndexOf(Symbol symbol, ref int from, string parameter)
    {
        var symbols = _symbols;
        var end = Math.Min(symbols.Length, from + 16);
        for (var u = from; u < end; u++)
        {
            if (symbols[u] == symbol)
            {
                from = u + 1;
                return u;
            }
        }

        if (!_indexBySymbol.TryGetValue(symbol, out var s))
        {
            throw new ArgumentException($"{symbol} is not in this node's universe.", parameter);
        }

        from = Math.Max(from, s + 1);
        return s;
    }

    private void Queue(DateTime time, QueuedTime due, string parameter)
    {
        var symbols = due.Symbols.AsSpan(0, due.Count);

        // In universe order already as a rule (a feed delivers them in the order asked for).
        if (!IsIncreasing(symbols))
        {
            symbols.Sort(due.Bars.AsSpan(0, due.Count));
            for (var i = 1; i < symbols.Length; i++)
            {
                if (symbols[i] == symbols[i - 1])
                {
                    throw new ArgumentException($"{_symbols[symbols[i]]} has two bars at {time:O}.", parameter);
                }
            }
        }

        due.Time = time;
        _queue.Enqueue(due);
        _lastQueued = time;
    }

    private static bool IsIncreasing(ReadOnlySpan<int> values)
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

    /// <summary>A queued time's bars: universe indices and bars in the first <see cref="Count"/> entries.</summary>
    private sealed class QueuedTime(int capacity)
    {
        public DateTime Time;
        public int Count;
        public int[] Symbols = new int[capacity];
        public Bar[] Bars = new Bar[capacity];

        public void Add(int symbol, in Bar bar)
        {
            if (Count == Symbols.Length)
            {
                // More bars than symbols: one is given twice, which Queue names once they are sorted.
                Array.Resize(ref Symbols, Count * 2);
                Array.Resize(ref Bars, Count * 2);
            }

            Symbols[Count] = symbol;
            Bars[Count] = bar;
            Count++;
        }
    }
}
