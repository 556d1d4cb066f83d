// dip_buyer: a limit entry with a bracket (take-profit and stop-loss that cancel each other).
//
//   trade backtest --strategy-file samples/strategies/dip_buyer.cs --set dip=0.08 --set quantity=50
//
// Shown in docs/strategies.md ("Parameters", "History", "Brackets").
using Trading.Domain;
using Trading.Strategies;

namespace Samples;

/// <summary>After the close falls dip below the highest close of the last lookback bars, bids for quantity shares
/// at that close for one session; once filled, a take-profit limit and a stop-loss stop protect the position and
/// cancel each other. An entry that does not fill in its session expires, and its exits with it.</summary>
public sealed class DipBuyer : IStrategy
{
    public static StrategyDefinition Definition { get; } = new(
        "dip_buyer",
        "Bids at the close after a dip below the recent high; exits by a take-profit or a stop-loss bracket.",
        [
            StrategyParameter.Integer("lookback", 20, 2, 500, "Bars whose highest close the dip is measured from"),
            StrategyParameter.Decimal("dip", 0.05m, 0.001m, 0.9m, "Fall from that high that triggers a bid (0.05 is 5%)"),
            StrategyParameter.Decimal("take_profit", 0.04m, 0.001m, 1m, "Gain above the entry price that takes profit"),
            StrategyParameter.Decimal("stop_loss", 0.03m, 0.001m, 0.9m, "Loss below the entry price that stops out"),
            StrategyParameter.Integer("quantity", 10, 1, 1_000_000, "Shares per entry"),
        ],
        p => new DipBuyer(p));

    private readonly int _lookback;
    private readonly decimal _dip;
    private readonly decimal _takeProfit;
    private readonly decimal _stopLoss;
    private readonly int _quantity;

    public DipBuyer(StrategyParameters p)
    {
        _lookback = p.GetInt("lookback");
        _dip = p.GetDecimal("dip");
        _takeProfit = p.GetDecimal("take_profit");
        _stopLoss = p.GetDecimal("stop_loss");
        _quantity = p.GetInt("quantity");
    }

    public void Initialize(IStrategyContext context)
    {
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
        // Flat and nothing working: not in a trade, and no entry waiting for its session.
        if (context.Position(symbol) != 0 || context.WorkingOrderCount(symbol) > 0 || context.BarCount(symbol) <= _lookback)
        {
            return;
        }

        // The highest close of the lookback bars before this one (1 is the previous bar).
        var high = 0.0;
        for (var ago = 1; ago <= _lookback; ago++)
        {
            high = Math.Max(high, context.Close(symbol, ago));
        }

        var close = BarPrice.ToDecimal(context.Close(symbol));
        if (close <= (decimal)high * (1 - _dip))
        {
            var entry = OrderRequest.Limit(context.Symbols[symbol], OrderSide.Buy, _quantity, close) with { TimeInForce = TimeInForce.Day };
            context.SubmitBracket(entry, takeProfit: close * (1 + _takeProfit), stopLoss: close * (1 - _stopLoss));
        }
    }
}
