using Trading.Domain;
using Trading.Strategies;

namespace MyStrategies;

/// <summary>Buys when the close breaks above the highest high of the last <c>channel</c> bars (before this one) and
/// protects the position with a trailing stop <c>trail</c> below the best price since entry.</summary>
public sealed class ChannelBreakout : IStrategy
{
    public static StrategyDefinition Definition { get; } = new(
        "channel_breakout",
        "Buys a close above the highest high of the last channel bars; exits by a trailing stop.",
        [
            StrategyParameter.Integer("channel", 20, 2, 500, "Bars whose highest high a close must break"),
            StrategyParameter.Decimal("trail", 0.08m, 0.005m, 0.9m, "Trailing stop below the best price since entry (0.08 is 8%)"),
            StrategyParameter.Decimal("allocation", 0.02m, 0.001m, 1m, "Fraction of equity put in each entry (0.02 over 50 symbols is fully invested at most)"),
        ],
        p => new ChannelBreakout(p));

    private readonly int _channel;
    private readonly decimal _trail;
    private readonly decimal _allocation;

    public ChannelBreakout(StrategyParameters p)
    {
        _channel = p.GetInt("channel");
        _trail = p.GetDecimal("trail");
        _allocation = p.GetDecimal("allocation");
    }

    public void Initialize(IStrategyContext context)
    {
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
        // A working order (the entry, or the stop once placed) means nothing new to do on this symbol.
        if (context.WorkingOrderCount(symbol) > 0)
        {
            return;
        }

        // Filled: the trailing stop follows the price up from here and sells the whole position.
        var held = context.Position(symbol);
        if (held > 0)
        {
            context.Submit(OrderRequest.TrailingStopByPercent(context.Symbols[symbol], OrderSide.Sell, held, _trail));
            return;
        }

        // Flat: waits until the channel is full, then buys a close above it (filled at the next bar's open).
        if (context.BarCount(symbol) <= _channel)
        {
            return;
        }

        var highest = double.MinValue;
        for (var ago = 1; ago <= _channel; ago++)
        {
            highest = Math.Max(highest, context.Bar(symbol, ago).High);
        }

        var close = context.Close(symbol);
        var quantity = Math.Floor(context.Equity * _allocation / (decimal)close);
        if (close > highest && quantity > 0)
        {
            context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Buy, quantity));
        }
    }
}
