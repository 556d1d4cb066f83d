using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Optimization;
using Trading.Strategies;
using Trading.Strategies.BuiltIn;

namespace Trading.Tests.Optimization;

public sealed class SweepTests
{
    private static readonly StrategyDefinition Sma = SmaCross.Definition;

    private static readonly Lazy<BacktestInput> Market = new(() =>
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 4, From = new DateOnly(2018, 1, 1), To = new DateOnly(2020, 12, 31), Seed = 11 });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        return new BacktestInput(stocks, market.Actions, market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol)) { Calendar = SyntheticExchangeCalendar.Instance };
    });

    private static SearchSpace Space() =>
        new(Sma, [ParameterRange.Parse(Sma, "fast=5:25:5"), ParameterRange.Parse(Sma, "slow=20:60:20")]);

    private static BacktestTrial Trial() => new(Sma, Market.Value, new BacktestSettings());

    private static SweepMetric Sharpe => SweepMetric.Parse("sharpe");

    [Fact]
    public void One_job_and_three_give_the_same_trials_in_the_same_order_to_the_last_digit()
    {
        var space = Space();
        var plan = space.Grid();
        var trial = Trial();

        var one = Sweep.Run(space, plan, trial.Run, 1, Sharpe);
        var three = Sweep.Run(space, plan, trial.Run, 3, Sharpe);

        Assert.Equal(plan.Trials.Count, one.Trials.Count);
        Assert.False(one.Cancelled);
        Assert.Equal(one.Trials.Select(Digest), three.Trials.Select(Digest));
        var rankedOne = SweepRanking.Rank(one.Trials, Sharpe, []).Select(r => r.Trial.Number);
        var rankedThree = SweepRanking.Rank(three.Trials, Sharpe, []).Select(r => r.Trial.Number);
        Assert.Equal(rankedOne, rankedThree);

        // The parameters differ between trials, and so do their results: the jobs did not all run one combination.
        Assert.True(one.Trials.Select(t => t.Metrics.Sharpe).Distinct().Count() > 1);
    }

    [Fact]
    public void A_trial_is_the_backtest_of_its_parameters()
    {
        var space = Space();
        var parameters = space.TryBind(0, out _)!;

        var trial = Trial().Run(new TrialSpec(0, 0, parameters));
        var backtest = BacktestEngine.Run(Sma.Name, Sma.Create(parameters), parameters, Market.Value, new BacktestSettings());

        Assert.Equal(backtest.Metrics, trial.Metrics);
        Assert.Equal(backtest.FinalEquity, trial.FinalEquity);
        Assert.Equal(backtest.Trades.Count, trial.TradeCount);
        Assert.Equal(5, trial.Parameters["fast"]);
    }

    [Fact]
    public void Cancelling_stops_the_search_and_keeps_the_trials_that_finished()
    {
        var space = Space();
        var plan = space.Grid();
        var trial = Trial();
        using var stop = new CancellationTokenSource();

        // Cancelled as the third trial finishes, from inside the search, as Ctrl-C would be.
        var finished = 0;
        var result = Sweep.Run(
            space,
            plan,
            (spec, token) =>
            {
                var done = trial.Run(spec, token);
                if (Interlocked.Increment(ref finished) == 3)
                {
                    stop.Cancel();
                }

                return done;
            },
            1,
            Sharpe,
            null,
            stop.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(3, result.Trials.Count);
        Assert.Equal([0, 1, 2], result.Trials.Select(t => t.Number));
        Assert.True(plan.Trials.Count > 3);
    }

    [Fact]
    public void Progress_counts_every_trial_and_names_the_best_by_the_objective()
    {
        var space = Space();
        var plan = space.Grid();
        var reports = new List<SweepProgress>();
        var progress = new Collect(reports);

        var result = Sweep.Run(space, plan, Trial().Run, 1, Sharpe, progress);

        Assert.Equal(Enumerable.Range(1, plan.Trials.Count), reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(plan.Trials.Count, r.Total));
        Assert.Equal(SweepRanking.Rank(result.Trials, Sharpe, [])[0].Trial, reports[^1].Best);
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
    }

    private static string Digest(TrialResult t) =>
        $"{t.Number} {t.GridIndex} {string.Join(',', t.Parameters.Values)} {t.FinalEquity} {t.TradeCount} {t.BarEvents} {t.Metrics}";

    private sealed class Collect(List<SweepProgress> reports) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => reports.Add(value);
    }
}
