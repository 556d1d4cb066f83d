using Trading.Accounting;
using Trading.Backtesting;
using Trading.Domain;
using Trading.Portfolio;
using Trading.Strategies;

namespace Trading.Tests.Strategies;

/// <summary>A strategy's own rebalance through the Portfolio module: <see cref="IStrategyContext.PortfolioState"/>
/// and <see cref="PortfolioRebalance"/>.</summary>
public sealed class PortfolioRebalanceTests
{
    private static readonly Symbol Aaa = Symbol.Parse("AAA");
    private static readonly Symbol Bbb = Symbol.Parse("BBB");
    private static readonly DateTime Monday = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_rebalance_from_one_holding_to_another_sells_first_and_buys_with_the_proceeds_once_the_sell_has_filled()
    {
        // Holds 5,000 AAA at 10 and 50,000 of cash; wants all of equity (100,000) in BBB at 20: the 5,000 BBB a
        // cash account cannot pay for until AAA is sold.
        var strategy = new RotateToBbb();

        var result = Run(strategy);

        var state = strategy.StateOnRebalanceDay!;
        Assert.Equal((100_000m, 50_000m), (state.Equity, state.Cash));
        Assert.Equal(new Dictionary<Symbol, decimal> { [Aaa] = 5_000m }, state.Holdings);
        var sell = Assert.Single(result.Orders, o => o.Request.Symbol == Aaa && o.Request.Side == OrderSide.Sell);
        var buy = Assert.Single(result.Orders, o => o.Request.Symbol == Bbb);
        Assert.Equal((Monday.AddDays(2), 5_000m, "rotate"), (sell.SubmittedAt, sell.Request.Quantity, sell.Request.Tag));
        Assert.Equal((Monday.AddDays(3), 5_000m, OrderStatus.Filled), (buy.SubmittedAt, buy.Request.Quantity, buy.Status));
        Assert.DoesNotContain(result.Orders, o => o.Status == OrderStatus.Rejected);
        var record = Assert.Single(result.Rebalances);
        Assert.Equal(Monday.AddDays(2), record.Time);
        Assert.Equal(
            [(Aaa, 0m, ReconciliationOutcome.Filled), (Bbb, 5_000m, ReconciliationOutcome.Filled)],
            record.Lines.Select(l => (l.Symbol, l.After, l.Outcome)));
        Assert.True(strategy.DoneAt == Monday.AddDays(4), $"done at {strategy.DoneAt}");
    }

    private static BacktestResult Run(IStrategy strategy)
    {
        BarSeries Flat(Symbol symbol, double price) => BarSeries.FromBars(symbol, Interval.Daily, Enumerable.Range(0, 5)
            .Select(d => new Bar(Monday.AddDays(d), price, price, price, price, 1_000_000)));
        var input = new BacktestInput([Flat(Aaa, 10), Flat(Bbb, 20)], []) { Calendar = WeekdayCalendar.Instance };
        return BacktestEngine.Run("rotate", strategy, new Dictionary<string, string>(), input, new BacktestSettings { Account = new AccountSettings() });
    }

    /// <summary>Buys 5,000 AAA on the first day; on the third, rebalances into BBB at full weight.</summary>
    private sealed class RotateToBbb : IStrategy
    {
        private PortfolioRebalance? _rebalance;

        public PortfolioState? StateOnRebalanceDay { get; private set; }

        public DateTime? DoneAt { get; private set; }

        public void Initialize(IStrategyContext context)
        {
        }

        public void OnBar(IStrategyContext context, int symbol)
        {
        }

        public void OnTimeStep(IStrategyContext context)
        {
            if (context.Time == Monday)
            {
                context.Submit(OrderRequest.Market(Aaa, OrderSide.Buy, 5_000m));
            }
            else if (context.Time == Monday.AddDays(2))
            {
                StateOnRebalanceDay = context.PortfolioState();
                var rules = new RiskRules();
                var desired = DesiredPortfolio.Build(
                    [new Signal(Bbb, SignalAction.Buy, RiskUnit: 1, MomentumScore: 1, CurrentPrice: 20, Rank: 1, Volatility: 0.2, Reason: null)],
                    new EqualWeight(),
                    rules,
                    StateOnRebalanceDay);
                _rebalance = PortfolioRebalance.Start(context, desired, rules, tag: "rotate");
            }
            else if (_rebalance is { } pending)
            {
                pending.Advance(context);
                if (pending.IsDone)
                {
                    context.Record(pending.Reconcile(context));
                    DoneAt = context.Time;
                    _rebalance = null;
                }
            }
        }
    }
}
