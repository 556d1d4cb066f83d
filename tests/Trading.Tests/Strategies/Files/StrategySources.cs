namespace Trading.Tests.Strategies.Files;

/// <summary>Users' strategy files as tests write them.</summary>
internal static class StrategySources
{
    /// <summary>timed_trade: buys quantity shares at the close of bar entry_bar, sells them at the close of exit_bar,
    /// so each run's fills say which code and which parameters ran.</summary>
    public const string TimedTrade = """
        using Trading.Domain;
        using Trading.Strategies;

        namespace Tests;

        public sealed class TimedTrade : IStrategy
        {
            public static StrategyDefinition Definition { get; } = new(
                "timed_trade",
                "Buys quantity shares at the close of bar entry_bar and sells them at the close of bar exit_bar.",
                [
                    StrategyParameter.Integer("entry_bar", 3, 1, 100, "Bar (1 is the first) whose close decides the buy"),
                    StrategyParameter.Integer("exit_bar", 6, 2, 100, "Bar whose close decides the sell"),
                    StrategyParameter.Integer("quantity", 100, 1, 10000, "Shares bought"),
                ],
                p => new TimedTrade(p),
                [
                    new ParameterRule("entry_bar must be before exit_bar", p =>
                        p.GetInt("entry_bar") < p.GetInt("exit_bar") ? null : $"entry_bar ({p.GetInt("entry_bar")}) must be before exit_bar ({p.GetInt("exit_bar")})"),
                ]);

            private readonly int _entry;
            private readonly int _exit;
            private readonly int _quantity;

            public TimedTrade(StrategyParameters p)
            {
                _entry = p.GetInt("entry_bar");
                _exit = p.GetInt("exit_bar");
                _quantity = p.GetInt("quantity");
            }

            public void Initialize(IStrategyContext context)
            {
            }

            public void OnBar(IStrategyContext context, int symbol)
            {
                var bar = context.BarCount(symbol);
                if (bar == _entry)
                {
                    context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Buy, _quantity));
                }
                else if (bar == _exit && context.Position(symbol) > 0)
                {
                    context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Sell, context.Position(symbol)));
                }
            }
        }
        """;

    /// <summary>Two strategies in one file: hold_all (buys at the first bar) and never_trade.</summary>
    public const string Two = """
        using Trading.Domain;
        using Trading.Strategies;

        public sealed class HoldAll : IStrategy
        {
            public static StrategyDefinition Definition { get; } = new(
                "hold_all", "Buys shares of each symbol at the first bar and holds them.",
                [StrategyParameter.Integer("shares", 10, 1, 1000, "Shares bought of each symbol")],
                p => new HoldAll(p.GetInt("shares")));

            private readonly int _shares;

            public HoldAll(int shares) => _shares = shares;

            public void Initialize(IStrategyContext context)
            {
            }

            public void OnBar(IStrategyContext context, int symbol)
            {
                if (context.BarCount(symbol) == 1)
                {
                    context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Buy, _shares));
                }
            }
        }

        public sealed class NeverTrade : IStrategy
        {
            public static readonly StrategyDefinition Definition = new("never_trade", "Watches and never trades.", [], _ => new NeverTrade());

            public void Initialize(IStrategyContext context)
            {
            }

            public void OnBar(IStrategyContext context, int symbol)
            {
            }
        }
        """;

    /// <summary>thrower: fails at its fifth bar, as a strategy with a bug does.</summary>
    public const string Thrower = """
        using Trading.Strategies;

        public sealed class Thrower : IStrategy
        {
            public static StrategyDefinition Definition { get; } = new("thrower", "Fails at its fifth bar.", [], _ => new Thrower());

            public void Initialize(IStrategyContext context)
            {
            }

            public void OnBar(IStrategyContext context, int symbol)
            {
                if (context.BarCount(symbol) == 5)
                {
                    throw new InvalidOperationException("the fifth bar is one too many");
                }
            }
        }
        """;
}
