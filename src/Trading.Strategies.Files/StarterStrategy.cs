using System.Globalization;
using System.Text;

namespace Trading.Strategies.Files;

/// <summary>The documented strategy file <c>trade new strategy NAME</c> writes: a complete strategy (a breakout with
/// a parameter schema and a rule) that compiles and backtests as it is, for a user to edit.</summary>
public static class StarterStrategy
{
    /// <summary>The C# of a strategy named <paramref name="name"/>, in a class named after it (<c>my_rsi</c>: MyRsi).</summary>
    /// <exception cref="ArgumentException">The name is not snake_case, or a built-in has it.</exception>
    public static string Write(string name)
    {
        if (!StrategyParameter.IsSnakeCase(name))
        {
            throw new ArgumentException($"a strategy name is snake_case (lower-case letters, digits, single underscores, like my_breakout); got '{name}'");
        }

        if (StrategyRegistry.Default.TryFind(name, out _))
        {
            throw new ArgumentException($"{name} is the name of a built-in strategy; choose another");
        }

        return Template.Replace("{{name}}", name, StringComparison.Ordinal).Replace("{{Class}}", ClassName(name), StringComparison.Ordinal);
    }

    /// <summary>my_rsi -> MyRsi; a part that starts with a digit keeps it (rsi_2 -> Rsi2).</summary>
    public static string ClassName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        foreach (var part in name.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
        }

        return text.ToString();
    }

    private const string Template = """
        // {{name}}: a strategy for trade, compiled when it runs (cached, so only the first run after an edit waits).
        //
        //   trade backtest --strategy-file {{name}}.cs                       over the built-in synthetic market
        //   trade backtest --strategy-file {{name}}.cs --csv prices.csv      over your own bars
        //   trade backtest --strategy-file {{name}}.cs --set entry_bars=50   with another parameter value
        //   trade strategies --strategy-file {{name}}.cs                     its parameters, as trade checks them
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

        /// <summary>{{name}}: buys when the close rises above the highest close of the previous entry_bars bars;
        /// sells when it falls below the lowest close of the previous exit_bars bars.</summary>
        public sealed class {{Class}} : IStrategy
        {
            public static StrategyDefinition Definition { get; } = new(
                "{{name}}",
                "Breakout: buy a close above the highest of the previous entry_bars closes, sell a close below the lowest of the previous exit_bars.",
                [
                    StrategyParameter.Integer("entry_bars", 20, 2, 1000, "Bars whose highest close an entry must beat"),
                    StrategyParameter.Integer("exit_bars", 10, 2, 1000, "Bars whose lowest close an exit must break"),
                    StrategyParameter.Decimal("allocation", 0.9m, 0.01m, 1m, "Fraction of equity invested, split evenly across the symbols"),
                ],
                parameters => new {{Class}}(parameters),
                [
                    new ParameterRule("exit_bars must not exceed entry_bars", p =>
                        p.GetInt("exit_bars") <= p.GetInt("entry_bars") ? null : $"exit_bars ({p.GetInt("exit_bars")}) must not exceed entry_bars ({p.GetInt("entry_bars")})"),
                ]);

            private readonly int _entryBars;
            private readonly int _exitBars;
            private readonly decimal _allocation;

            // Parameters arrive checked (type, bounds, rules); a new instance is made for every run.
            public {{Class}}(StrategyParameters parameters)
            {
                _entryBars = parameters.GetInt("entry_bars");
                _exitBars = parameters.GetInt("exit_bars");
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
                if (held == 0 && context.WorkingOrderCount(symbol) == 0 && close > Highest(context, symbol, _entryBars))
                {
                    var budget = context.Equity * _allocation / context.Symbols.Count;
                    var shares = Math.Floor(budget / (decimal)close);
                    if (shares > 0)
                    {
                        context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Buy, shares, "entry"));
                    }
                }
                else if (held > 0 && close < Lowest(context, symbol, _exitBars))
                {
                    context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Sell, held, "exit"));
                }
            }

            // The highest close of the bars before this one (1 = the previous bar).
            private static double Highest(IStrategyContext context, int symbol, int bars)
            {
                var highest = double.MinValue;
                for (var ago = 1; ago <= bars; ago++)
                {
                    highest = Math.Max(highest, context.Close(symbol, ago));
                }

                return highest;
            }

            private static double Lowest(IStrategyContext context, int symbol, int bars)
            {
                var lowest = double.MaxValue;
                for (var ago = 1; ago <= bars; ago++)
                {
                    lowest = Math.Min(lowest, context.Close(symbol, ago));
                }

                return lowest;
            }
        }

        """;
}
