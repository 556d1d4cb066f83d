using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;
using Trading.Strategies;

namespace Trading.Engine;

/// <summary>The strategy's window on a running engine (a backtest or a trading node): bars up to the timeline's time, the ledger, the venue.</summary>
internal sealed class EngineContext : IStrategyContext
{
    private readonly BarSeries[] _series;

    // Each symbol's close column and where its bar 0 is in it: the close is read for every symbol at every time.
    private readonly double[][] _closes;
    private readonly Symbol[] _symbols;
    private readonly int[] _starts;
    private readonly Timeline _clock;
    private readonly Ledger _ledger;
    private readonly IVenue _venue;
    private readonly Dictionary<Symbol, int> _indexBySymbol;
    private readonly List<string> _warnings;
    private readonly Dictionary<(int Symbol, string Column), double[]> _indicators = [];
    private readonly IndicatorColumns? _shared;
    private BarSeries? _marketIndex;
    private TradingCalendar? _calendar;

    // The symbol index the strategy last asked about (position, working orders): the order it then submits is
    // nearly always for that symbol, whose index then needs no lookup.
    private int _recent;
    private int _marketIndexSeen;
    private decimal _equity;
    private bool _equityKnown;
    private ApproximateEquity? _approximateEquity;

    /// <param name="shared">Indicator columns of this run's data shared with other runs (a search's trials), or null;
    /// the caller checks they are this data's (<see cref="IndicatorColumns.IsFor"/>) and that the series do not grow.</param>
    public EngineContext(Timeline clock, Ledger ledger, IVenue venue, List<string> warnings, BarSeries? marketIndex, TradingCalendar? calendar, IndicatorColumns? shared = null)
    {
        _shared = shared;
        var series = clock.Series;
        _marketIndex = marketIndex;
        _calendar = calendar;
        _series = series;
        _clock = clock;
        _ledger = ledger;
        _venue = venue;
        _warnings = warnings;
        _symbols = [.. series.Select(s => s.Symbol)];
        Symbols = _symbols;
        _indexBySymbol = [];
        for (var i = 0; i < Symbols.Count; i++)
        {
            _indexBySymbol[Symbols[i]] = i;
        }

        Positions = new Position?[series.Length];
        _closes = [.. series.Select(s => s.CloseColumn)];
        _starts = [.. series.Select(s => s.Start)];
    }

    public DateTime Time => _clock.Time;

    public IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>The ledger's open position per symbol index, null when flat, refreshed by the engine after each fill
    /// and corporate action, so reads cost an array access and marking visits only what is held.</summary>
    public Position?[] Positions { get; }

    /// <summary>Replaces the market index with a longer one (a node's index grows with its feed); what the strategy
    /// sees of it is still bounded by the clock.</summary>
    public void SetMarketIndex(BarSeries? index) => _marketIndex = index;

    /// <summary>Takes up a symbol's series again after its timeline replaced it with a longer one.</summary>
    public void Refresh(int symbol)
    {
        _closes[symbol] = _series[symbol].CloseColumn;
        _starts[symbol] = _series[symbol].Start;
    }

    /// <summary>Keeps <paramref name="position"/> as the symbol's entry in <see cref="Positions"/> while it is open.</summary>
    public void Track(int symbol, Position? position) => Positions[symbol] = position is { IsOpen: true } ? position : null;

    public int IndexOf(Symbol symbol)
    {
        if ((uint)_recent < (uint)_symbols.Length && _symbols[_recent] == symbol)
        {
            return _recent;
        }

        return _indexBySymbol.TryGetValue(symbol, out var index) ? index : -1;
    }

    public int BarCount(int symbol) => _clock.BarsSeen(symbol);

    public Bar Bar(int symbol, int barsAgo = 0) => _series[symbol][Seen(symbol, barsAgo)];

    /// <summary>Reads only the close column: touching all six columns of every symbol at every time costs more in
    /// cache misses than the rest of a strategy's bar.</summary>
    /// <remarks>Straight from the column, not through the series object (a cache line, and often a page, of its own
    /// per symbol), and without a bounds check: the index is in range by construction, a bar number below the bars
    /// seen, from the series' start.</remarks>
    public double Close(int symbol, int barsAgo = 0) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_closes[symbol]), _starts[symbol] + Seen(symbol, barsAgo));

    /// <summary>Each named output is computed once over the symbol's whole series and then read at the clock's
    /// position: indicators are causal (the value at a bar depends only on bars up to it) and the read never goes
    /// past the current bar, so this is the streaming result without its per-bar cost, and without look-ahead.</summary>
    public double Indicator(int symbol, string column, int barsAgo = 0)
    {
        var index = Seen(symbol, barsAgo);
        // A growing series (a feed's) has more bars than the column computed before: computed again, over what is
        // seen now. A backtest's column covers the whole series from the start.
        if (!_indicators.TryGetValue((symbol, column), out var values) || index >= values.Length)
        {
            values = _shared?.Column(symbol, column, restartAtSplits: false)?.Values ?? IndicatorColumn.Of(_series[symbol], column);
            _indicators[(symbol, column)] = values;
        }

        return values[index];
    }

    public SharedColumn? SharedIndicator(int symbol, string column) => _shared?.Column(symbol, column, restartAtSplits: true);

    /// <summary>Read at the clock's position, like <see cref="Indicator(int, string, int)"/>: the column covers the
    /// whole series, the read never goes past the current bar.</summary>
    public double Indicator(SharedColumn column, int barsAgo = 0) => column.Values[Seen(column.Symbol, barsAgo)];

    public BarSeries History(int symbol) => _series[symbol].Slice(0, _clock.BarsSeen(symbol));

    /// <summary>One view, not a view of a view: a ranking asks for a window of every symbol at every rebalance.</summary>
    public BarSeries History(int symbol, int bars)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bars);
        var seen = _clock.BarsSeen(symbol);
        var count = Math.Min(bars, seen);
        return _series[symbol].Slice(seen - count, count);
    }

    /// <summary>The index's bars stamped at or before the clock's time (a cursor that only moves forward).</summary>
    public BarSeries? MarketIndex
    {
        get
        {
            if (_marketIndex is null)
            {
                return null;
            }

            var times = _marketIndex.Time;
            while (_marketIndexSeen < times.Length && times[_marketIndexSeen] <= Time)
            {
                _marketIndexSeen++;
            }

            return _marketIndex.Slice(0, _marketIndexSeen);
        }
    }

    /// <summary>The calendar the input names, or the default, chosen when a strategy first asks: only a strategy
    /// with a schedule does, so only its run is warned about a calendar it cannot trust.</summary>
    public TradingCalendar Calendar => _calendar ??= DefaultCalendar(_series, _warnings);

    /// <summary>NYSE, whose holiday rules are known from 1998; for a run that starts earlier, weekdays, with a
    /// warning (a schedule's day that was a holiday then rebalances on the next bar).</summary>
    private static TradingCalendar DefaultCalendar(BarSeries[] series, List<string> warnings)
    {
        var first = series.Where(s => !s.IsEmpty).Select(s => s.FirstTime).DefaultIfEmpty(DateTime.MaxValue).Min();
        if (first.Year >= NyseCalendar.FirstSupportedYear)
        {
            return NyseCalendar.Instance;
        }

        warnings.Add($"the data starts in {first.Year}, before the NYSE holiday rules this program knows ({NyseCalendar.FirstSupportedYear} on): schedules use every weekday, and a holiday moves a rebalance to the next bar");
        return WeekdayCalendar.Instance;
    }

    /// <summary>Reconciled rebalances, in the order the strategy recorded them.</summary>
    public List<RebalanceRecord> Rebalances { get; } = [];

    public void Record(RebalanceRecord rebalance) => Rebalances.Add(rebalance);

    public decimal Cash => _ledger.Cash;

    /// <summary>The ledger's exact equity, summed over the open positions once per state of the account rather
    /// than once per read: the engine calls <see cref="AccountChanged()"/> whenever a fill, a corporate action or a
    /// mark may have moved it.</summary>
    public decimal Equity
    {
        get
        {
            if (!_equityKnown)
            {
                _equity = _ledger.Equity;
                _equityKnown = true;
            }

            return _equity;
        }
    }

    /// <summary>The ledger's equity estimate and its error bound, a pass over the open positions in doubles, also
    /// kept until the account changes.</summary>
    public ApproximateEquity ApproximateEquity
    {
        get
        {
            if (_approximateEquity is not { } equity)
            {
                equity = _ledger.ApproximateEquity;
                _approximateEquity = equity;
            }

            return equity;
        }
    }

    public decimal Position(int symbol)
    {
        _recent = symbol;
        return Positions[symbol]?.Quantity ?? 0m;
    }

    public IReadOnlyList<OrderTicket> WorkingOrders(int symbol) => _venue.WorkingOrders(Symbols[symbol]);

    public int WorkingOrderCount(int symbol)
    {
        _recent = symbol;
        return _venue.WorkingOrderCountOf(symbol);
    }

    public OrderTicket Submit(OrderRequest order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var index = UniverseIndexOf(order.Symbol);
        return _venue.Submit(order, Time, ReferencePrice(index, order.Symbol), index);
    }

    public Bracket SubmitBracket(OrderRequest entry, decimal takeProfit, decimal stopLoss) =>
        _venue.SubmitBracket(entry, takeProfit, stopLoss, Time, ReferencePrice(UniverseIndexOf(entry.Symbol), entry.Symbol));

    public (OrderTicket First, OrderTicket Second) SubmitOneCancelsOther(OrderRequest first, OrderRequest second) =>
        _venue.SubmitOneCancelsOther(first, second, Time, ReferencePrice(UniverseIndexOf(first.Symbol), first.Symbol));

    public bool Cancel(long orderId) => _venue.Cancel(orderId, Time);

    public OrderTicket Replace(long orderId, OrderChange change) => _venue.Replace(orderId, change, Time);

    /// <summary>How many times the account has changed: a measure taken at one count holds while it stays.</summary>
    public int Changes { get; private set; }

    /// <summary>Forgets the cached equity: cash, a position or a mark has changed.</summary>
    public void AccountChanged()
    {
        _equityKnown = false;
        _approximateEquity = null;
        Changes++;
    }

    /// <summary><see cref="AccountChanged()"/>, with the new equity estimate already measured by the caller.</summary>
    public void AccountChanged(ApproximateEquity measured)
    {
        AccountChanged();
        _approximateEquity = measured;
    }

    public void Warn(string message) => _warnings.Add($"{Time:yyyy-MM-dd}: {message}");

    /// <summary>The index of the bar <paramref name="barsAgo"/> back from the latest seen.</summary>
    private int Seen(int symbol, int barsAgo)
    {
        var seen = _clock.BarsSeen(symbol);
        if ((uint)barsAgo >= (uint)seen)
        {
            NoSuchBar(symbol, barsAgo, seen);
        }

        return seen - 1 - barsAgo;
    }

    // Apart from Seen, which is on the per-bar path: a method that builds a message is not inlined, and Seen should be.
    [DoesNotReturn]
    private void NoSuchBar(int symbol, int barsAgo, int seen) =>
        throw new ArgumentOutOfRangeException(nameof(barsAgo), barsAgo, $"{Symbols[symbol]} has {seen} bars up to {Time:yyyy-MM-dd}; bar {barsAgo} back does not exist (yet).");

    /// <summary>The index of an order's symbol, which must be in the universe.</summary>
    private int UniverseIndexOf(Symbol symbol)
    {
        var index = IndexOf(symbol);
        return index >= 0
            ? index
            : throw new ArgumentException($"{symbol} is not in this backtest's universe ({string.Join(", ", Symbols.Take(10))}{(Symbols.Count > 10 ? ", ..." : string.Empty)}).");
    }

    /// <summary>The latest close of a symbol: what the account checks an order against before it can fill.</summary>
    private decimal ReferencePrice(int index, Symbol symbol)
    {
        var seen = _clock.BarsSeen(index);
        if (seen == 0)
        {
            throw new InvalidOperationException($"{symbol} has no bar yet at {Time:yyyy-MM-dd}; an order needs a price to be checked against.");
        }

        return BarPrice.ToDecimal(_closes[index][_starts[index] + seen - 1]);
    }
}
