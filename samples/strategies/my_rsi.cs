// my_rsi: a strategy for trade, compiled when it runs (cached, so only the first run after an edit waits).
//
//   trade backtest --strategy-file my_rsi.cs                       over the built-in synthetic market
//   trade backtest --strategy-file my_rsi.cs --csv prices.csv      over your own bars
//   trade backtest --strategy-file my_rsi.cs --set entry_bars=50   with another parameter value
//   trade strategies --strategy-file my_rsi.cs                     its parameters, as trade checks them
//
// A strategy is a public class that implements IStrategy and declares a public static StrategyDefinition
// Definition: its name (snake_case, how you choose it), what it does, and its parameters, each with a type,
// a default, bounds and a description. --set is checked against them before any bar is read.
// The guide, docs/strategies.md, explains the rest (the lifecycle, history, indicators, orders of every type,
// brackets, order events, splits, schedules and portfolios), each with an excerpt of a complete example in
// samples/strategies/ of the Trading repository.
using Trading.Domain;
using Trading.Strategies;

namespace MyStrategies;

/// <summary>my_rsi: bids at the close when RSI(14) is below 30; once filled, a take-profit 4% above and a
/// stop-loss 3% below protect the position and cancel each other.</summary>
public sealed class MyRsi : IStrategy
{
    public static StrategyDefinition Definition { get; } = new(
        "my_rsi",
        "RSI(14) below 30: a limit bid at the close, with a 4% take-profit and a 3% stop-loss.",
        [
            StrategyParameter.Integer("entry_bars", 20, 2, 1000, "Bars of history before the first entry"),
            StrategyParameter.Decimal("allocation", 0.9m, 0.01m, 1m, "Fraction of equity invested, split evenly across the symbols"),
        ],
        parameters => new MyRsi(parameters));

    private readonly int _entryBars;
    private readonly decimal _allocation;

    // Parameters arrive checked (type, bounds, rules); a new instance is made for every run.
    public MyRsi(StrategyParameters parameters)
    {
        _entryBars = parameters.GetInt("entry_bars");
        _allocation = parameters.GetDecimal("allocation");
    }

    public void Initialize(IStrategyContext context)
    {
    }

    // Called at each bar's close for each symbol with a bar; orders fill at the next bar's open at the earliest.
    public void OnBar(IStrategyContext context, int symbol)
    {
        if (context.BarCount(symbol) <= _entryBars)
        {
            return; // not enough history yet
        }

        var close = context.Close(symbol);
        var held = context.Position(symbol);
        if (held == 0 && context.WorkingOrderCount(symbol) == 0 && context.Indicator(symbol, "rsi(14)") < 30)
        {
            var budget = context.Equity * _allocation / context.Symbols.Count;
            var shares = Math.Floor(budget / (decimal)close);
            if (shares > 0)
            {
                context.SubmitBracket(OrderRequest.Limit(context.Symbols[symbol], OrderSide.Buy, shares, (decimal)close), (decimal)close * 1.04m, (decimal)close * 0.97m);
            }
        }
    }
}
