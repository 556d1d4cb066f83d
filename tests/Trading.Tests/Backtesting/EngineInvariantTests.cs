using FsCheck;
using FsCheck.Xunit;
using Trading.Accounting;
using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Execution;
using Trading.Strategies;

namespace Trading.Tests.Backtesting;

/// <summary>Random order flow of every type over a market with splits and dividends: the account must balance at
/// every bar, and fills must add up to positions at the end.</summary>
public class EngineInvariantTests
{
    private static readonly Lazy<Trading.Data.MarketDataBatch> Market = new(() => SyntheticMarket.Generate(
        new SyntheticMarketOptions { Symbols = 4, From = new DateOnly(2018, 1, 1), To = new DateOnly(2019, 12, 31), Seed = 3 }));

    [Property(MaxTest = 25)]
    public void Cash_plus_market_value_is_equity_at_every_bar_and_fills_sum_to_positions(PositiveInt seed)
    {
        var market = Market.Value;
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        var strategy = new RandomOrderFlow(seed.Get);

        var result = BacktestEngine.Run(
            "random",
            strategy,
            new Dictionary<string, string>(),
            new BacktestInput(stocks, market.Actions),
            new BacktestSettings
            {
                InitialCash = 1_000_000m,
                Account = AccountSettings.MarginAccount(2m),
                Venue = new VenueSettings
                {
                    Commission = new PerShareCommission(0.005m, 1m),
                    Slippage = new FixedBasisPointsSlippage(2m),
                    MaxVolumeParticipation = 0.001m,
                },
            });

        Assert.Empty(strategy.Violations);
        Assert.True(result.Fills.Count > 0, "the random flow should trade");
        foreach (var (symbol, position) in strategy.FinalPositions)
        {
            var expected = 0m;
            foreach (var fill in result.Fills.Where(f => f.Symbol == symbol))
            {
                var factor = market.Actions
                    .Where(a => a.Symbol == symbol && a.Kind == CorporateActionKind.Split && a.ExDate > DateOnly.FromDateTime(fill.Time))
                    .Aggregate(1m, (product, split) => product * split.Value);
                expected += fill.SignedQuantity * factor;
            }

            Assert.Equal(expected, position);
        }

        Assert.Equal(result.FinalCash + strategy.FinalMarketValue, result.FinalEquity);
    }

    /// <summary>Submits, cancels and replaces random orders of every type, and checks the account at every bar.</summary>
    private sealed class RandomOrderFlow(int seed) : IStrategy
    {
        private readonly Random _random = new(seed);

        public List<string> Violations { get; } = [];

        public Dictionary<Symbol, decimal> FinalPositions { get; } = [];

        public decimal FinalMarketValue { get; private set; }

        public void Initialize(IStrategyContext context)
        {
        }

        public void OnBar(IStrategyContext context, int symbol)
        {
            var marketValue = MarketValue(context);
            if (context.Cash + marketValue != context.Equity)
            {
                Violations.Add($"{context.Time:yyyy-MM-dd}: cash {context.Cash} + market value {marketValue} != equity {context.Equity}");
            }

            var roll = _random.NextDouble();
            if (roll < 0.15)
            {
                Submit(context, symbol);
            }
            else if (roll < 0.18 && context.WorkingOrders(symbol) is { Count: > 0 } working)
            {
                context.Cancel(working[_random.Next(working.Count)].Id);
            }
            else if (roll < 0.20 && context.WorkingOrders(symbol) is { Count: > 0 } replaceable)
            {
                var ticket = replaceable[_random.Next(replaceable.Count)];
                try
                {
                    context.Replace(ticket.Id, new OrderChange(Quantity: ticket.FilledQuantity + _random.Next(1, 40)));
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    // Some replaces are refused (bracket exits, trailing stops, cash): that is the venue's right.
                }
            }
        }

        public void OnEnd(IStrategyContext context)
        {
            for (var i = 0; i < context.Symbols.Count; i++)
            {
                FinalPositions[context.Symbols[i]] = context.Position(i);
            }

            FinalMarketValue = MarketValue(context);
        }

        private static decimal MarketValue(IStrategyContext context)
        {
            var value = 0m;
            for (var i = 0; i < context.Symbols.Count; i++)
            {
                if (context.BarCount(i) > 0 && context.Position(i) != 0)
                {
                    value += context.Position(i) * (decimal)context.Bar(i).Close;
                }
            }

            return value;
        }

        private void Submit(IStrategyContext context, int symbol)
        {
            var s = context.Symbols[symbol];
            var side = _random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var quantity = (decimal)_random.Next(1, 50);
            var close = (decimal)context.Bar(symbol).Close;
            decimal Near(double spread) => Math.Round(close * (1 + (decimal)((_random.NextDouble() - 0.5) * spread)), 2);
            var order = _random.Next(8) switch
            {
                0 => OrderRequest.Market(s, side, quantity),
                1 => OrderRequest.Limit(s, side, quantity, Near(0.06)),
                2 => OrderRequest.Stop(s, side, quantity, Near(0.06)),
                3 => OrderRequest.StopLimit(s, side, quantity, Near(0.04), Near(0.08)),
                4 => OrderRequest.TrailingStopByPercent(s, side, quantity, 0.03m),
                5 => OrderRequest.MarketOnClose(s, side, quantity),
                6 => OrderRequest.MarketOnOpen(s, side, quantity) with { TimeInForce = TimeInForce.Day },
                _ => OrderRequest.Limit(s, side, quantity, Near(0.02)) with { TimeInForce = TimeInForce.Day },
            };
            try
            {
                if (_random.Next(10) == 0 && side == OrderSide.Buy)
                {
                    context.SubmitBracket(order.Type == OrderType.Market ? order : OrderRequest.Market(s, side, quantity), Math.Round(close * 1.05m, 2), Math.Round(close * 0.95m, 2));
                }
                else
                {
                    context.Submit(order);
                }
            }
            catch (ArgumentException)
            {
                // A random stop-limit can be malformed for its side; refusing it is correct.
            }
        }
    }
}
