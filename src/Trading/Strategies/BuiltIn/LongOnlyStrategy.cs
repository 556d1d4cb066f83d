using Trading.Domain;

namespace Trading.Strategies.BuiltIn;

/// <summary>A strategy that is either flat or long one position per symbol, entering and leaving with market orders
/// sized by <see cref="PositionSizing"/>. Subclasses decide when; this class decides how.</summary>
/// <remarks>Orders decided at a bar's close fill at the next bar's open, before the strategy sees that bar, so a
/// working order at decision time means the venue has not (fully) filled it yet: no second entry is sent on top.</remarks>
public abstract class LongOnlyStrategy : IStrategy
{
    private const string EntryTag = "entry";
    private const string ExitTag = "exit";

    private bool[] _warnedNoShares = [];

    protected LongOnlyStrategy(PositionSizing sizing) => Sizing = sizing;

    public PositionSizing Sizing { get; }

    public void Initialize(IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var symbols = context.Symbols.Count;
        _warnedNoShares = new bool[symbols];
        CreateState(context, symbols);
    }

    public abstract void OnBar(IStrategyContext context, int symbol);

    /// <summary>Prices before a split are in other units, so the symbol's indicators start again from the first bar
    /// after it: a 2:1 split must not read as a 50% crash (a false exit) or its reverse as a breakout.</summary>
    public void OnSplit(IStrategyContext context, int symbol, decimal ratio) => Restart(symbol);

    /// <summary>Forgets what the strategy computed from the symbol's past prices (its indicators warm up again).</summary>
    protected virtual void Restart(int symbol)
    {
    }

    /// <summary>Sets up per-symbol state (indicators in arrays indexed by symbol) for a universe of
    /// <paramref name="symbolCount"/> symbols; called once per run before the first bar, with the run's context for
    /// what it shares (<see cref="IStrategyContext.SharedIndicator"/>).</summary>
    protected abstract void CreateState(IStrategyContext context, int symbolCount);

    /// <summary>Flat, with no order working that could change that: the only state in which an entry is sent.</summary>
    protected static bool IsFlatAndIdle(IStrategyContext context, int symbol) =>
        context.Position(symbol) == 0 && context.WorkingOrderCount(symbol) == 0;

    /// <summary>Buys <see cref="Sizing"/>'s shares at market, priced at the current close. Returns whether an order
    /// went out (sizing can come to zero shares, which is noted once per symbol).</summary>
    protected bool Enter(IStrategyContext context, int symbol)
    {
        var close = context.Close(symbol);
        var shares = Sizing.Shares(context, close);
        if (shares <= 0)
        {
            if (!_warnedNoShares[symbol])
            {
                _warnedNoShares[symbol] = true;
                context.Warn($"{context.Symbols[symbol]}: an entry signal bought nothing: equity {context.Equity:0.##} × allocation {Sizing.Allocation} / {context.Symbols.Count} symbols is less than one share at {BarPrice.ToDecimal(close)}");
            }

            return false;
        }

        context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Buy, shares, EntryTag));
        return true;
    }

    /// <summary>Cancels any entry still working and sells the whole long position at market, unless a sell is
    /// already working. Returns whether a sell went out.</summary>
    protected static bool Exit(IStrategyContext context, int symbol)
    {
        var selling = false;

        // The count first: the list is a copy, and usually there is nothing working to copy.
        if (context.WorkingOrderCount(symbol) > 0)
        {
            var working = context.WorkingOrders(symbol);

            // Backwards, so that a venue that drops a cancelled order from this list does not skip the next one.
            for (var i = working.Count - 1; i >= 0; i--)
            {
                var ticket = working[i];
                if (ticket.Request.Side == OrderSide.Buy)
                {
                    context.Cancel(ticket.Id);
                }
                else
                {
                    selling = true;
                }
            }
        }

        var position = context.Position(symbol);
        if (position <= 0 || selling)
        {
            return false;
        }

        context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Sell, position, ExitTag));
        return true;
    }
}
