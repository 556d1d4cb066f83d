using Trading.Domain;

namespace Trading.Feeds;

/// <summary>One symbol's bar in a slice.</summary>
public readonly record struct SymbolBar(Symbol Symbol, Bar Bar);

/// <summary>The bars of one bar time across the requested symbols, in request order; a symbol without a bar for that
/// time is absent. <see cref="Time"/> is UTC and stamped as bars are: the session date for daily bars, the bar's
/// start for intraday ones. Every bar carries that time and keeps the <see cref="BarRule"/>.</summary>
public sealed class BarSlice
{
    private readonly SymbolBar[] _bars;

    /// <summary>Refuses a time that is not UTC, a bar stamped at another time and a bar that breaks the bar rule.</summary>
    public BarSlice(DateTime time, IEnumerable<SymbolBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (time.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"A slice's time is UTC; got {time:O} ({time.Kind}).", nameof(time));
        }

        var array = bars.ToArray();
        foreach (var (symbol, bar) in array)
        {
            if (bar.Time != time)
            {
                throw new ArgumentException($"The slice at {time:O} holds {symbol}'s bar stamped {bar.Time:O}.", nameof(bars));
            }

            if (bar.Problem() is { } problem)
            {
                throw new ArgumentException($"The slice at {time:O} holds {symbol}'s bar that breaks the bar rule: {problem}.", nameof(bars));
            }
        }

        Time = time;
        _bars = array;
    }

    private BarSlice(DateTime time, SymbolBar[] bars)
    {
        Time = time;
        _bars = bars;
    }

    public DateTime Time { get; }

    /// <summary>The symbols' bars, in the order of the request's symbols.</summary>
    public IReadOnlyList<SymbolBar> Bars => _bars;

    public int Count => _bars.Length;

    /// <summary>The bars, for a reader that walks them all at every step (a node's timeline).</summary>
    internal ReadOnlySpan<SymbolBar> Span => _bars;

    /// <summary>The bar of <paramref name="symbol"/> in this slice, if it has one.</summary>
    public bool TryGet(Symbol symbol, out Bar bar)
    {
        foreach (var item in _bars)
        {
            if (item.Symbol == symbol)
            {
                bar = item.Bar;
                return true;
            }
        }

        bar = default;
        return false;
    }

    /// <summary>For the feeds, whose bars carry the slice's time by construction and were checked against the bar rule
    /// where they came in (a store's read, a provider's chart): takes the array, checks nothing.</summary>
    internal static BarSlice Own(DateTime time, SymbolBar[] bars) => new(time, bars);

    public override string ToString() => $"{Time:O}: {_bars.Length} bars";
}
