// oco_breakout: one-cancels-other. Two entries around a narrow range, a stop above it and a limit below it, of
// which the first to fill cancels the other; out at the close after hold_bars bars.
//
//   trade backtest --strategy-file samples/strategies/oco_breakout.cs --set max_width=0.08
//
// Shown in docs/strategies.md ("One-cancels-other", "Orders").
using Trading.Domain;
using Trading.Strategies;

namespace Samples;

/// <summary>When the last range_bars bars traded in a range narrower than max_width of the close, sets two buy
/// orders for one session: a stop just above the range's high (a breakout) and a limit just below its low (a
/// washout). Whichever fills first cancels the other. A position is sold at the close of the bar after it has
/// been held hold_bars bars.</summary>
public sealed class OcoBreakout : IStrategy
{
    public static StrategyDefinition Definition { get; } = new(
        "oco_breakout",
        "Around a narrow range, a stop buy above it and a limit buy below it, one cancelling the other; sold at the close after hold_bars bars.",
        [
            StrategyParameter.Integer("range_bars", 10, 2, 500, "Bars whose high and low make the range"),
            StrategyParameter.Decimal("max_width", 0.06m, 0.005m, 1m, "The widest range, as a fraction of the close, that sets the orders"),
            StrategyParameter.Integer("hold_bars", 5, 1, 1000, "Bars a position is held"),
            StrategyParameter.Integer("quantity", 10, 1, 1_000_000, "Shares per entry"),
        ],
        p => new OcoBreakout(p));

    private readonly int _rangeBars;
    private readonly double _maxWidth;
    private readonly int _holdBars;
    private readonly int _quantity;
    private int[] _barsHeld = [];

    public OcoBreakout(StrategyParameters p)
    {
        _rangeBars = p.GetInt("range_bars");
        _maxWidth = (double)p.GetDecimal("max_width");
        _holdBars = p.GetInt("hold_bars");
        _quantity = p.GetInt("quantity");
    }

    public void Initialize(IStrategyContext context) => _barsHeld = new int[context.Symbols.Count];

    public void OnBar(IStrategyContext context, int symbol)
    {
        var held = context.Position(symbol);
        if (held > 0)
        {
            if (++_barsHeld[symbol] >= _holdBars && context.WorkingOrderCount(symbol) == 0)
            {
                // At the close of the next bar.
                context.Submit(OrderRequest.MarketOnClose(context.Symbols[symbol], OrderSide.Sell, held) with { Tag = "exit" });
            }

            return;
        }

        _barsHeld[symbol] = 0;
        if (context.WorkingOrderCount(symbol) > 0 || context.BarCount(symbol) < _rangeBars)
        {
            return; // day orders expire by themselves at the end of their session
        }

        var (high, low) = (double.MinValue, double.MaxValue);
        for (var ago = 0; ago < _rangeBars; ago++)
        {
            var bar = context.Bar(symbol, ago);
            (high, low) = (Math.Max(high, bar.High), Math.Min(low, bar.Low));
        }

        if (high - low > _maxWidth * context.Close(symbol))
        {
            return;
        }

        var s = context.Symbols[symbol];
        var breakout = OrderRequest.Stop(s, OrderSide.Buy, _quantity, BarPrice.ToDecimal(high) + 0.01m) with { TimeInForce = TimeInForce.Day, Tag = "breakout" };
        var washout = OrderRequest.Limit(s, OrderSide.Buy, _quantity, BarPrice.ToDecimal(low) - 0.01m) with { TimeInForce = TimeInForce.Day, Tag = "washout" };
        context.SubmitOneCancelsOther(breakout, washout);
    }
}
