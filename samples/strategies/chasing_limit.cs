// chasing_limit: cancel/replace. A limit bid that follows the close until it fills, then gives up.
//
//   trade backtest --strategy-file samples/strategies/chasing_limit.cs --set max_replaces=5
//
// Shown in docs/strategies.md ("Cancel and replace").
using Trading.Domain;
using Trading.Strategies;

namespace Samples;

/// <summary>On a close above the highest of the previous entry_bars closes, bids offset below the close; while the
/// bid has not filled, moves it to offset below each new close (a replace: the same order, its id and its place
/// kept), up to max_replaces times, then cancels it. Sells at market after hold_bars bars in the trade.</summary>
public sealed class ChasingLimit : IStrategy
{
    public static StrategyDefinition Definition { get; } = new(
        "chasing_limit",
        "Bids below the close after a breakout and moves the bid with the close until it fills or has moved max_replaces times; sells after hold_bars bars.",
        [
            StrategyParameter.Integer("entry_bars", 20, 2, 500, "Bars whose highest close a breakout must beat"),
            StrategyParameter.Decimal("offset", 0.01m, 0.001m, 0.2m, "How far below the close the bid is (0.01 is 1%)"),
            StrategyParameter.Integer("max_replaces", 3, 0, 100, "How many times an unfilled bid is moved before it is cancelled"),
            StrategyParameter.Integer("hold_bars", 10, 1, 1000, "Bars a position is held before it is sold"),
            StrategyParameter.Integer("quantity", 10, 1, 1_000_000, "Shares per entry"),
        ],
        p => new ChasingLimit(p));

    private readonly int _entryBars;
    private readonly decimal _offset;
    private readonly int _maxReplaces;
    private readonly int _holdBars;
    private readonly int _quantity;
    private int[] _replaces = [];
    private int[] _barsHeld = [];

    public ChasingLimit(StrategyParameters p)
    {
        _entryBars = p.GetInt("entry_bars");
        _offset = p.GetDecimal("offset");
        _maxReplaces = p.GetInt("max_replaces");
        _holdBars = p.GetInt("hold_bars");
        _quantity = p.GetInt("quantity");
    }

    public void Initialize(IStrategyContext context)
    {
        _replaces = new int[context.Symbols.Count];
        _barsHeld = new int[context.Symbols.Count];
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
        var held = context.Position(symbol);
        if (held > 0)
        {
            if (++_barsHeld[symbol] >= _holdBars && context.WorkingOrderCount(symbol) == 0)
            {
                context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Sell, held, "exit"));
            }

            return;
        }

        _barsHeld[symbol] = 0;
        var close = BarPrice.ToDecimal(context.Close(symbol));
        if (context.WorkingOrderCount(symbol) > 0)
        {
            var bid = context.WorkingOrders(symbol)[0];
            if (_replaces[symbol] < _maxReplaces)
            {
                // Not filled: move the bid to the new close. The order keeps its id, its fills and its place.
                context.Replace(bid.Id, new OrderChange(LimitPrice: Bid(close)));
                _replaces[symbol]++;
            }
            else
            {
                // Chased far enough: what remains is cancelled.
                context.Cancel(bid.Id);
            }

            return;
        }

        if (context.BarCount(symbol) > _entryBars && (double)close > Highest(context, symbol))
        {
            context.Submit(OrderRequest.Limit(context.Symbols[symbol], OrderSide.Buy, _quantity, Bid(close)) with { Tag = "entry" });
            _replaces[symbol] = 0;
        }
    }

    /// <summary>offset below the close, in cents.</summary>
    private decimal Bid(decimal close) => Math.Round(close * (1 - _offset), 2);

    private double Highest(IStrategyContext context, int symbol)
    {
        var highest = double.MinValue;
        for (var ago = 1; ago <= _entryBars; ago++)
        {
            highest = Math.Max(highest, context.Close(symbol, ago));
        }

        return highest;
    }
}
