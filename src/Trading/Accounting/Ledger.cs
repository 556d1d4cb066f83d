using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using Trading.Domain;
using Trading.Execution;

namespace Trading.Accounting;

/// <summary>The account's books: cash, one position per symbol, a journal of transactions and the round trips of
/// closed quantity. It records what happened (fills, splits, dividends) and, as <see cref="IOrderFunding"/>, says
/// what the account may still do.</summary>
/// <remarks>
/// <para>Money is decimal and exact; the only doubles are last prices, kept so that marking a position is one field
/// write and the per-bar equity estimate is a loop of double multiplications. Exact equity is cash plus the sum of
/// positions' decimal market values.</para>
/// <para>P&amp;L convention: positions' realised and unrealised P&amp;L are price P&amp;L, before commissions and
/// dividends, so at every moment
/// <c>Equity − InitialCash = RealizedPnl + UnrealizedPnl + DividendIncome − CommissionsPaid</c>, exactly while the
/// terms fit decimal's 28 significant digits (whole shares at cents always do; shares left fractional by a run of
/// splits can need more, and then the two sides agree to about 1e-20).
/// A round trip carries its commissions explicitly and its P&amp;L is net of them: the closing fill's commission in
/// proportion to the quantity it closed, plus the opening commissions in proportion to the share of the open
/// quantity closed. So the round trips' P&amp;L sums to <c>RealizedPnl − (CommissionsPaid − Σ OpenCommission)</c>.</para>
/// <para>The ledger books every fill it is given: the funding rules are for the venue to apply before it fills.</para>
/// </remarks>
public sealed partial class Ledger : IOrderFunding
{
    private readonly Dictionary<Symbol, Position> _positions = [];
    private readonly List<Position> _open = [];
    private readonly ReadOnlyCollection<Position> _openView;
    private readonly Journal _journal = [];
    private readonly List<RoundTrip> _roundTrips = [];
    private decimal _cash;
    private double _cashEstimate;

    // The position last looked up: an order is checked, filled and booked on one symbol, three lookups in a row.
    private Position? _recent;

    public Ledger(decimal initialCash, AccountSettings settings, DateTime start)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (initialCash < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialCash), initialCash, $"Initial cash cannot be negative; got {initialCash}.");
        }

        if (settings.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        Settings = settings;
        InitialCash = initialCash;
        _openView = _open.AsReadOnly();
        SetCash(initialCash);
        _journal.Add(new Transaction(start, TransactionKind.Deposit, null, 0m, 0m, initialCash, 0m));
    }

    public AccountSettings Settings { get; }

    public decimal InitialCash { get; }

    public decimal Cash => _cash;

    /// <summary>Positions with shares, in no particular order (stable for the same sequence of events).</summary>
    public IReadOnlyCollection<Position> OpenPositions => _openView;

    public IReadOnlyList<Transaction> Transactions => _journal;

    public IReadOnlyList<RoundTrip> RoundTrips => _roundTrips;

    public decimal CommissionsPaid { get; private set; }

    /// <summary>Σ |quantity × price| over all fills, for turnover.</summary>
    public decimal TradedValue { get; private set; }

    /// <summary>Dividends received on long positions minus dividends paid on short ones.</summary>
    public decimal DividendIncome { get; private set; }

    /// <summary>Price P&amp;L realised over all symbols, before commissions (see the remarks on the convention).</summary>
    public decimal RealizedPnl { get; private set; }

    /// <summary>Price P&amp;L of the open positions at their last prices.</summary>
    public decimal UnrealizedPnl
    {
        get
        {
            var sum = 0m;
            foreach (var position in _open)
            {
                sum += position.UnrealizedPnl;
            }

            return sum;
        }
    }

    /// <summary>Cash plus the market value of every position (shorts count negative), exact.</summary>
    public decimal Equity
    {
        get
        {
            var sum = _cash;
            foreach (var position in _open)
            {
                sum += position.MarketValue;
            }

            return sum;
        }
    }

    /// <summary>Σ |market value| over the positions, exact.</summary>
    public decimal GrossExposure
    {
        get
        {
            var sum = 0m;
            foreach (var position in _open)
            {
                sum += Math.Abs(position.MarketValue);
            }

            return sum;
        }
    }

    /// <summary>Equity in doubles, for the per-timestamp equity curve: no decimal arithmetic, no allocation.</summary>
    public double EquityEstimate => Measure(default).Point.Equity;

    /// <summary><see cref="EquityEstimate"/> with a bound on its distance from <see cref="Equity"/> (one pass over the
    /// open positions, no decimal arithmetic).</summary>
    /// <remarks>Exact equity values each position at its last price converted to a decimal, which keeps 15
    /// significant digits (a relative change of at most 5e-15); the estimate rounds each conversion, product and sum
    /// once (2^-53 each). Both errors are relative to the sizes of the terms, not to their sum, so the bound is taken
    /// on |cash| + gross exposure, and doubled to cover the rounding of the bound itself.</remarks>
    public ApproximateEquity ApproximateEquity => Measure(default).Equity;

    /// <summary>Gross exposure in doubles, like <see cref="EquityEstimate"/>.</summary>
    public double GrossExposureEstimate => Measure(default).Point.GrossExposure;

    /// <summary>The position of a symbol ever traded, flat or not (the same instance for the ledger's life, so it
    /// may be cached); null for a symbol never traded.</summary>
    /// <inheritdoc />
    public VenueAccount Holdings() => new(_cash, _open.ToDictionary(p => p.Symbol, p => p.Quantity));

    public Position? PositionOf(Symbol symbol) => Find(symbol);

    /// <summary>Shares held of <paramref name="symbol"/> (zero when never traded).</summary>
    public decimal QuantityOf(Symbol symbol) => Find(symbol)?.Quantity ?? 0m;

    /// <summary>The account at <paramref name="time"/>, from the estimates (one pass over the open positions).</summary>
    public EquityPoint Snapshot(DateTime time) => Measure(time).Point;

    /// <summary><see cref="Snapshot"/> and <see cref="ApproximateEquity"/> from one pass over the open positions, each
    /// summed exactly as it would be alone: a backtest needs both at every time the strategy sizes an order.</summary>
    internal (EquityPoint Point, ApproximateEquity Equity) Measure(DateTime time)
    {
        var equity = _cashEstimate;
        var gross = 0.0;
        var magnitude = Math.Abs(_cashEstimate);
        foreach (var position in CollectionsMarshal.AsSpan(_open))
        {
            var value = position.QuantityEstimate * position.LastPrice;
            equity += value;
            gross += Math.Abs(value);
            magnitude += Math.Abs(value);
        }

        const double PriceDigits = 5e-15;
        const double Rounding = 1.2e-16;
        return (
            new EquityPoint(time, equity, _cashEstimate, gross),
            new ApproximateEquity(equity, 2 * magnitude * (PriceDigits + ((_open.Count + 3) * 2 * Rounding))));
    }

    /// <summary>Books a fill: cash moves by its cash flow, the position by its signed quantity; a closing fill adds a
    /// round trip. The position is marked at the fill price.</summary>
    public void Apply(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (fill.Quantity <= 0 || fill.Price < 0 || fill.Commission < 0 || fill.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            throw new ArgumentException(
                $"A fill needs a positive quantity, a price and a commission of zero or more; got {fill.Side} {fill.Quantity} {fill.Symbol} at {fill.Price} with commission {fill.Commission}.",
                nameof(fill));
        }

        var position = Find(fill.Symbol);
        if (position is null)
        {
            position = new Position(fill.Symbol, (double)fill.Price);
            _positions.Add(fill.Symbol, position);
            _recent = position;
        }

        var realizedBefore = position.RealizedPnl;
        var trip = position.Trade(fill);
        if (trip is not null)
        {
            _roundTrips.Add(trip);
            RealizedPnl += position.RealizedPnl - realizedBefore;
        }

        Track(position);
        // The fill's value once, for both the cash (Fill.CashFlow, written out) and the turnover.
        var value = fill.Quantity * fill.Price;
        SetCash(_cash + ((fill.Side == OrderSide.Buy ? -value : value) - fill.Commission));
        CommissionsPaid += fill.Commission;
        TradedValue += value;
        _journal.Add(fill);
    }

    /// <summary>Each share of <paramref name="symbol"/> becomes <paramref name="ratio"/> shares (4 for 4:1, 0.1 for a
    /// 1:10 reverse split): quantity × ratio, last price ÷ ratio, cost basis and P&amp;L unchanged, so average cost
    /// ÷ ratio.</summary>
    /// <remarks>Fractional shares are kept exactly; no cash in lieu is paid, because a backtest has no broker to
    /// round for and cash in lieu would be a trade at a price nobody chose. A flat or unknown position records
    /// nothing, but a flat position's last price is still adjusted so later marks and estimates agree.</remarks>
    public void ApplySplit(Symbol symbol, decimal ratio, DateTime time)
    {
        if (ratio <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, $"A split ratio must be positive (4:1 is 4, a 1:10 reverse split is 0.1); got {ratio} for {symbol}.");
        }

        if (!_positions.TryGetValue(symbol, out var position))
        {
            return;
        }

        var before = position.Quantity;
        position.Split(ratio);
        if (before != 0)
        {
            _journal.Add(new Transaction(
                time,
                TransactionKind.Split,
                symbol,
                position.Quantity - before,
                ratio,
                0m,
                0m));
        }
    }

    /// <summary>Pays <paramref name="amountPerShare"/> on each share held of <paramref name="symbol"/>: a long position
    /// receives it, a short one pays it (the lender of the shares is owed the dividend). Nothing for a flat position.</summary>
    public void ApplyDividend(Symbol symbol, decimal amountPerShare, DateTime time)
    {
        if (amountPerShare <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amountPerShare), amountPerShare, $"A dividend must be a positive amount per share; got {amountPerShare} for {symbol}.");
        }

        if (!_positions.TryGetValue(symbol, out var position) || !position.IsOpen)
        {
            return;
        }

        var amount = position.Dividend(amountPerShare);
        DividendIncome += amount;
        SetCash(_cash + amount);
        _journal.Add(new Transaction(
            time,
            TransactionKind.Dividend,
            symbol,
            position.Quantity,
            amountPerShare,
            amount,
            0m));
    }

    /// <summary>Marks <paramref name="symbol"/> at <paramref name="price"/>; a symbol never traded has nothing to mark.
    /// The engine's per-bar path calls <see cref="Position.Mark"/> on a cached position instead.</summary>
    public void Mark(Symbol symbol, double price)
    {
        if (_positions.TryGetValue(symbol, out var position))
        {
            position.Mark(price);
        }
    }

    private Position? Find(Symbol symbol)
    {
        if (_recent is { } recent && recent.Symbol == symbol)
        {
            return recent;
        }

        var found = _positions.GetValueOrDefault(symbol);
        if (found is not null)
        {
            _recent = found;
        }

        return found;
    }

    private void Track(Position position)
    {
        if (position.IsOpen && position.OpenIndex < 0)
        {
            position.OpenIndex = _open.Count;
            _open.Add(position);
        }
        else if (!position.IsOpen && position.OpenIndex >= 0)
        {
            // Swap-remove: the last open position takes the closed one's slot.
            var last = _open[^1];
            _open[position.OpenIndex] = last;
            last.OpenIndex = position.OpenIndex;
            _open.RemoveAt(_open.Count - 1);
            position.OpenIndex = -1;
        }
    }

    private void SetCash(decimal cash)
    {
        _cash = cash;
        _cashEstimate = (double)cash;
    }
}
