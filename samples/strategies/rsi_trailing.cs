// rsi_trailing: the library's indicators (by name, and streaming), warm-up, order events, a trailing stop.
//
//   trade backtest --strategy-file samples/strategies/rsi_trailing.cs --set trail=0.1
//
// Shown in docs/strategies.md ("The context", "Indicators", "Order events", "Splits and dividends").
using Trading.Domain;
using Trading.Indicators;
using Trading.Strategies;

namespace Samples;

/// <summary>Buys an oversold pull-back in an uptrend (RSI below oversold while the close is above its trend average);
/// each fill of an entry, partial or whole, is protected by a trailing stop of its own.</summary>
public sealed class RsiTrailing : IStrategy
{
    public static StrategyDefinition Definition { get; } = new(
        "rsi_trailing",
        "Buys when the RSI is oversold while the close is above its trend average; protects each fill with a trailing stop.",
        [
            StrategyParameter.Integer("rsi_period", 2, 2, 200, "Bars in Wilder's RSI of the close"),
            StrategyParameter.Decimal("oversold", 10m, 1m, 99m, "Buy while the RSI is below this level"),
            StrategyParameter.Integer("trend_bars", 200, 2, 1000, "Bars of the simple moving average the close must be above"),
            StrategyParameter.Decimal("trail", 0.08m, 0.005m, 0.5m, "How far the stop trails the best price since the fill (0.08 is 8%)"),
            StrategyParameter.Decimal("allocation", 0.1m, 0.01m, 1m, "Fraction of equity one entry spends"),
        ],
        p => new RsiTrailing(p));

    private readonly string _rsi;
    private readonly decimal _oversold;
    private readonly int _trendBars;
    private readonly decimal _trail;
    private readonly decimal _allocation;
    private readonly Dictionary<long, int> _entries = [];
    private Sma[] _trend = [];

    public RsiTrailing(StrategyParameters p)
    {
        _rsi = $"rsi({p.GetInt("rsi_period")})";
        _oversold = p.GetDecimal("oversold");
        _trendBars = p.GetInt("trend_bars");
        _trail = p.GetDecimal("trail");
        _allocation = p.GetDecimal("allocation");
    }

    public void Initialize(IStrategyContext context)
    {
        _trend = new Sma[context.Symbols.Count];
        for (var s = 0; s < _trend.Length; s++)
        {
            _trend[s] = new Sma(_trendBars);
        }
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
        // A streaming indicator: fed one close per bar, ready once it has seen trend_bars of them.
        var trend = _trend[symbol];
        trend.Update(context.Close(symbol));

        // An indicator by name, as `trade indicators` names its columns: NaN while it warms up.
        var rsi = context.Indicator(symbol, _rsi);
        if (!trend.IsReady || double.IsNaN(rsi))
        {
            return;
        }

        var close = context.Close(symbol);
        if (context.Position(symbol) == 0 && context.WorkingOrderCount(symbol) == 0 && rsi < (double)_oversold && close > trend.Value)
        {
            var shares = Math.Floor(context.Equity * _allocation / (decimal)close);
            if (shares > 0)
            {
                var ticket = context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Buy, shares, "entry"));
                if (!ticket.Status.IsTerminal())
                {
                    _entries[ticket.Id] = symbol;
                }
            }
        }
    }

    public void OnOrderEvent(IStrategyContext context, OrderEvent e)
    {
        if (e.FillQuantity > 0 && _entries.TryGetValue(e.OrderId, out var symbol))
        {
            // Each fill of an entry, partial or whole, gets a trailing stop for the shares it bought.
            var stop = OrderRequest.TrailingStopByPercent(context.Symbols[symbol], OrderSide.Sell, e.FillQuantity, _trail);
            context.Submit(stop with { Tag = "trailing stop" });
        }
        else if (e.Status == OrderStatus.Rejected)
        {
            // Refused by the account (not enough cash, say): the reason says why.
            context.Warn($"order #{e.OrderId} was rejected: {e.Reason}");
        }

        if (e.Status.IsTerminal())
        {
            _entries.Remove(e.OrderId);
        }
    }

    public void OnSplit(IStrategyContext context, int symbol, decimal ratio)
    {
        // The average holds closes in the old units: start it again rather than read the split as a crash.
        _trend[symbol] = new Sma(_trendBars);
    }
}
