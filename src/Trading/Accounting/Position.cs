using Trading.Domain;

namespace Trading.Accounting;

/// <summary>The shares of one symbol an account holds (negative when short), what they cost on average, what they
/// have earned, and the last price they were marked at.</summary>
/// <remarks>
/// <para>Average-cost accounting on an exact cost basis: the position keeps the signed cost of its open quantity
/// (<see cref="CostBasis"/>, negative when short) rather than a rounded average, so a split changes only the share
/// count, and unrealised P&amp;L is market value minus cost basis with nothing lost to a division. Adding to a
/// position adds quantity × price to the basis; reducing it takes the closed fraction of the basis out and realises
/// the proceeds minus that cost; a fill that crosses zero first closes the whole position, then opens the rest at
/// the fill price.</para>
/// <para>A partial close takes basis × closed ÷ held out, rounded to 10 decimal places; the remainder stays with the
/// open quantity, and a full close takes the whole remainder, so a position's realised P&amp;L over its life is
/// exactly its proceeds minus its costs. Commissions attributed to round trips are split the same way.</para>
/// <para><see cref="RealizedPnl"/> and <see cref="UnrealizedPnl"/> are price P&amp;L, before commissions and
/// dividends, which the position counts separately (<see cref="Commissions"/>, <see cref="Dividends"/>).</para>
/// <para>The ledger keeps one instance per symbol for its whole life, flat or not, so the engine may cache it.</para>
/// </remarks>
public sealed class Position
{
    /// <summary>Decimal places of the basis and commission shares taken out on a partial close: far below a cent,
    /// yet short enough that sums of many of them stay exact in decimal's 28 digits.</summary>
    private const int AllocationScale = 10;

    private decimal _quantity;

    // MarketValue as of the last read, and the price it was computed at (NaN: to be recomputed).
    private decimal _value;
    private double _valuedPrice = double.NaN;
    private decimal _costBasis;

    internal Position(Symbol symbol, double lastPrice)
    {
        Symbol = symbol;
        LastPrice = lastPrice;
    }

    public Symbol Symbol { get; }

    /// <summary>Shares held: positive long, negative short, zero flat. Kept exact through splits (no cash in lieu).</summary>
    public decimal Quantity => _quantity;

    /// <summary><see cref="Quantity"/> as a double, kept beside it so the per-bar equity estimate needs no decimal arithmetic.</summary>
    public double QuantityEstimate { get; private set; }

    public bool IsOpen => _quantity != 0;

    public PositionSide? Side => _quantity > 0 ? PositionSide.Long : _quantity < 0 ? PositionSide.Short : null;

    /// <summary>What the open quantity cost, signed like the quantity (a short's basis is negative: the proceeds of
    /// the sale it must buy back). Commissions are not part of it.</summary>
    public decimal CostBasis => _costBasis;

    /// <summary>Price paid (or received, when short) per open share on average, before commissions; zero when flat.</summary>
    public decimal AverageCost => _quantity == 0 ? 0m : _costBasis / _quantity;

    /// <summary>Price P&amp;L of the quantity closed so far: Σ (exit price − average cost) × closed shares, signed for
    /// shorts. Commissions and dividends are not in it.</summary>
    public decimal RealizedPnl { get; private set; }

    /// <summary>All commissions paid on this symbol.</summary>
    public decimal Commissions { get; private set; }

    /// <summary>The part of <see cref="Commissions"/> attributed to the open quantity: it goes into the round trips
    /// that later close those shares.</summary>
    public decimal OpenCommission { get; private set; }

    /// <summary>Dividends received (positive) or paid on short positions (negative).</summary>
    public decimal Dividends { get; private set; }

    /// <summary>When the current position was opened from flat (or flipped through zero); null when flat.</summary>
    public DateTime? OpenedAt { get; private set; }

    /// <summary>The last price: a mark, a fill price, or one divided by a split ratio.</summary>
    public double LastPrice { get; private set; }

    /// <summary>Quantity × LastPrice, exact in decimal (a double converts to at most 15 significant digits).</summary>
    /// <remarks>Converting the price to decimal costs more than the rest of the sum, and equity is read many times
    /// between marks (once per order checked), so the value is kept until the price or the quantity changes.</remarks>
    public decimal MarketValue
    {
        get
        {
            if (_quantity == 0)
            {
                return 0m;
            }

            if (LastPrice != _valuedPrice)
            {
                _value = _quantity * BarPrice.ToDecimal(LastPrice);
                _valuedPrice = LastPrice;
            }

            return _value;
        }
    }

    /// <summary>Price P&amp;L of the open quantity at the last price: market value minus cost basis.</summary>
    public decimal UnrealizedPnl => MarketValue - _costBasis;

    /// <summary>The position's index among the ledger's open positions, or -1 when flat.</summary>
    internal int OpenIndex { get; set; } = -1;

    /// <summary>Values the position at <paramref name="price"/>. This is the per-bar path: one field write.</summary>
    /// <remarks>A NaN price is missing data, not a price, so it keeps the last mark rather than poisoning equity.</remarks>
    public void Mark(double price)
    {
        if (price is >= 0 and < double.PositiveInfinity)
        {
            LastPrice = price;
        }
        else if (!double.IsNaN(price))
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, $"A price of {Symbol} must be zero or positive and finite; got {price}.");
        }
    }

    /// <summary>Books a fill: adds to, reduces, closes or flips the position, and returns the round trip of the
    /// quantity it closed, if any.</summary>
    internal RoundTrip? Trade(Fill fill)
    {
        // The side as a sign applied by negation: a multiplication by ±1 is a whole decimal multiplication.
        var buy = fill.Side == OrderSide.Buy;
        var price = fill.Price;
        var commission = fill.Commission;
        Commissions += commission;
        RoundTrip? trip = null;
        if (_quantity == 0 || (_quantity > 0) == buy)
        {
            OpenedAt ??= fill.Time;
            _quantity += Signed(buy, fill.Quantity);
            _costBasis += Signed(buy, fill.Quantity * price);
            OpenCommission += commission;
        }
        else
        {
            var held = Math.Abs(_quantity);
            var closed = Math.Min(held, fill.Quantity);
            var wholePosition = closed == held;
            var removedBasis = wholePosition ? _costBasis : Math.Round(_costBasis * closed / held, AllocationScale);
            var entryCommission = wholePosition || OpenCommission == 0 ? OpenCommission : Math.Round(OpenCommission * closed / held, AllocationScale);
            var exitCommission = closed == fill.Quantity || commission == 0 ? commission : Math.Round(commission * closed / fill.Quantity, AllocationScale);

            // Selling long shares yields closed × price; buying back short ones costs it. Either way the cash minus
            // the basis taken out is the price P&L.
            var pnl = Signed(!buy, closed * price) - removedBasis;
            trip = new RoundTrip(
                Symbol,
                _quantity > 0 ? PositionSide.Long : PositionSide.Short,
                OpenedAt ?? fill.Time,
                fill.Time,
                closed,
                AverageCost,
                price,
                entryCommission + exitCommission,
                pnl - entryCommission - exitCommission);

            RealizedPnl += pnl;
            _costBasis -= removedBasis;
            OpenCommission -= entryCommission;
            _quantity += Signed(buy, closed);

            var opened = fill.Quantity - closed;
            if (opened > 0)
            {
                // Through zero: the rest of the fill opens a new position at the fill price, carrying the rest of
                // the fill's commission as its own opening commission.
                _quantity = Signed(buy, opened);
                _costBasis = _quantity * price;
                OpenCommission = commission - exitCommission;
                OpenedAt = fill.Time;
            }
            else if (wholePosition)
            {
                OpenedAt = null;
            }
        }

        QuantityEstimate = (double)_quantity;
        _valuedPrice = double.NaN;
        LastPrice = (double)price;
        return trip;
    }

    private static decimal Signed(bool positive, decimal value) => positive ? value : -value;

    /// <summary>Each share becomes <paramref name="ratio"/> shares; the cost basis and so the P&amp;L are unchanged.</summary>
    internal void Split(decimal ratio)
    {
        _quantity *= ratio;
        QuantityEstimate = (double)_quantity;
        _valuedPrice = double.NaN;
        LastPrice /= (double)ratio;
    }

    /// <summary>Books a dividend of <paramref name="amountPerShare"/> and returns the cash it moves (negative when short).</summary>
    internal decimal Dividend(decimal amountPerShare)
    {
        var amount = _quantity * amountPerShare;
        Dividends += amount;
        return amount;
    }

    public override string ToString() => $"{Quantity} {Symbol} @ {AverageCost:0.####} (last {LastPrice})";
}
