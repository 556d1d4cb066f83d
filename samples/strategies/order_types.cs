// order_types: a tour of every order type and time in force, on the first symbol of the universe.
//
//   trade backtest --strategy-file samples/strategies/order_types.cs --json tour.json   (the fills show each rule)
//
// Shown in docs/strategies.md ("Orders").
using Trading.Domain;
using Trading.Execution;
using Trading.Strategies;

namespace Samples;

/// <summary>Every spacing bars, while flat, buys quantity shares of the first symbol with the next entry type in
/// turn (market, market-on-open, market-on-close, limit, stop, stop-limit); an entry that has not filled within
/// spacing bars is cancelled. A position is sold by a trailing stop.</summary>
public sealed class OrderTypes : IStrategy
{
    public static StrategyDefinition Definition { get; } = new(
        "order_types",
        "A tour of the order types on the first symbol: each entry of another type in turn, each exit a trailing stop.",
        [
            StrategyParameter.Integer("spacing", 10, 2, 1000, "Bars between entries"),
            StrategyParameter.Integer("quantity", 10, 1, 1_000_000, "Shares per entry"),
        ],
        p => new OrderTypes(p));

    private readonly int _spacing;
    private readonly int _quantity;
    private int _next;
    private OrderTicket? _entry;
    private int _entryBar;

    public OrderTypes(StrategyParameters p)
    {
        _spacing = p.GetInt("spacing");
        _quantity = p.GetInt("quantity");
    }

    public void Initialize(IStrategyContext context)
    {
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
        if (symbol != 0)
        {
            return;
        }

        var s = context.Symbols[symbol];
        var close = BarPrice.ToDecimal(context.Close(symbol));
        var held = context.Position(symbol);
        if (_entry is { } entry && entry.Status.IsWorking() && context.BarCount(symbol) - _entryBar >= _spacing)
        {
            context.Cancel(entry.Id);
        }

        if (held > 0 && context.WorkingOrderCount(symbol) == 0)
        {
            // Sells once the price falls 5% (of today's close, in currency) below the best price since.
            context.Submit(OrderRequest.TrailingStopByAmount(s, OrderSide.Sell, held, Math.Round(close * 0.05m, 2)));
        }

        if (held != 0 || context.WorkingOrderCount(symbol) > 0 || context.BarCount(symbol) % _spacing != 0)
        {
            return;
        }

        var quantity = _quantity;
        var order = (_next++ % 6) switch
        {
            // At the next bar's open.
            0 => OrderRequest.Market(s, OrderSide.Buy, quantity),

            // At the open of the next session: with daily bars, the next bar's open.
            1 => OrderRequest.MarketOnOpen(s, OrderSide.Buy, quantity),

            // At the next bar's close.
            2 => OrderRequest.MarketOnClose(s, OrderSide.Buy, quantity),

            // At 1% below the close or better, when a bar trades there; good till cancelled (the default).
            3 => OrderRequest.Limit(s, OrderSide.Buy, quantity, Math.Round(close * 0.99m, 2)),

            // A market order once a bar trades 1% above the close: at that price, or the open if it gaps above.
            4 => OrderRequest.Stop(s, OrderSide.Buy, quantity, Math.Round(close * 1.01m, 2)),

            // A limit order at 2% above the close once a bar trades 1% above it; for one session only.
            _ => OrderRequest.StopLimit(s, OrderSide.Buy, quantity, stopPrice: Math.Round(close * 1.01m, 2), limitPrice: Math.Round(close * 1.02m, 2))
                with { TimeInForce = TimeInForce.Day },
        };
        _entry = context.Submit(order with { Tag = order.Type.ToString() });
        _entryBar = context.BarCount(symbol);
    }
}
