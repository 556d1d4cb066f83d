using Trading.Domain;
using Xunit.Abstractions;

namespace Trading.Tests.Data.Synthetic;

/// <summary>The default market looks like a stock market to the statistics a quant would check first.</summary>
public class SyntheticMarketStylisedFactsTests(DefaultSyntheticMarket fixture, ITestOutputHelper output) : IClassFixture<DefaultSyntheticMarket>
{
    private const double TradingDaysPerYear = 252;

    [Fact]
    public void Every_bar_of_the_default_market_keeps_the_bar_rule_so_it_can_be_stored()
    {
        Assert.All(fixture.Market.Series, s => Assert.Null(BarRule.FirstProblem(s)));
    }

    [Fact]
    public void Stocks_have_annualised_volatility_between_15_and_60_percent()
    {
        var vols = fixture.StockReturns.Values.Select(r => Moments.StandardDeviation(r) * Math.Sqrt(TradingDaysPerYear)).ToArray();
        output.WriteLine($"annualised volatility: min {vols.Min():P1}, median {Moments.Median(vols):P1}, max {vols.Max():P1}");

        Assert.All(vols, v => Assert.InRange(v, 0.15, 0.60));
        Assert.InRange(Moments.Median(vols), 0.20, 0.40);
    }

    [Fact]
    public void Daily_returns_have_fat_tails()
    {
        var kurtosis = fixture.StockReturns.Values.Select(r => Moments.ExcessKurtosis(r)).ToArray();
        var index = Moments.ExcessKurtosis(fixture.IndexReturns);
        output.WriteLine($"excess kurtosis: stocks min {kurtosis.Min():F1}, median {Moments.Median(kurtosis):F1}, max {kurtosis.Max():F1}; index {index:F1}");

        Assert.All(kurtosis, k => Assert.True(k > 1, $"excess kurtosis {k}"));
        Assert.True(index > 1, $"index excess kurtosis {index}");
    }

    [Fact]
    public void Volatility_comes_in_clusters()
    {
        var index = Moments.SquaredAutocorrelation(fixture.IndexReturns);
        var squared = fixture.StockReturns.Values.Select(r => Moments.SquaredAutocorrelation(r)).ToArray();
        var absolute = fixture.StockReturns.Values.Select(r => Moments.AbsoluteAutocorrelation(r)).ToArray();
        output.WriteLine(
            $"lag-1 autocorrelation of squared returns: index {index:F3}, stocks median {Moments.Median(squared):F3}; " +
            $"of absolute returns: stocks median {Moments.Median(absolute):F3}");

        Assert.True(index > 0.05, $"index {index}");
        Assert.True(Moments.Median(squared) > 0, $"stocks median {Moments.Median(squared)}");

        // Single stocks' squares are dominated by a few jump days; absolute returns show their clustering plainly.
        Assert.True(Moments.Median(absolute) > 0.05, $"stocks median {Moments.Median(absolute)}");
    }

    [Fact]
    public void Stocks_move_with_the_index()
    {
        var correlations = fixture.StockReturns.Values.Select(r => Moments.Correlation(r, fixture.IndexReturns)).ToArray();
        output.WriteLine($"correlation with the index: min {correlations.Min():F2}, mean {correlations.Average():F2}, max {correlations.Max():F2}");

        Assert.All(correlations, c => Assert.True(c > 0, $"correlation {c}"));
        Assert.InRange(correlations.Average(), 0.3, 0.8);
    }

    [Fact]
    public void Stocks_drift_upwards_on_average()
    {
        var growth = fixture.StockReturns.Values.Select(r => Moments.Mean(r) * TradingDaysPerYear).ToArray();
        var years = fixture.IndexReturns.Length / TradingDaysPerYear;
        var indexGrowth = Math.Log(fixture.Index.Close[^1] / fixture.Index.Open[0]) / years;
        output.WriteLine($"log total return a year: stocks mean {growth.Average():P1}, index (price) {indexGrowth:P1}");

        Assert.True(growth.Average() > 0.01, $"mean growth {growth.Average()}");
        Assert.InRange(indexGrowth, 0.0, 0.15);
    }

    [Fact]
    public void Some_stocks_split_and_the_raw_close_drops_by_about_the_ratio_on_the_ex_date()
    {
        var splits = fixture.Market.Actions.Where(a => a.Kind == CorporateActionKind.Split).ToArray();
        output.WriteLine($"splits: {splits.Length} ({splits.Count(s => s.Value < 1)} reverse)");

        Assert.NotEmpty(splits);
        foreach (var split in splits)
        {
            var series = fixture.Stocks.Single(s => s.Symbol == split.Symbol);
            var i = series.IndexAtOrBefore(split.ExDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            Assert.Equal(split.ExDate, DateOnly.FromDateTime(series.Time[i]));
            var drop = series.Close[i - 1] / series.Close[i];
            Assert.InRange(drop / (double)split.Value, 0.7, 1.4);

            // More shares, more shares traded: volume after the split is about the ratio times volume before.
            if (i >= 20 && i + 20 <= series.Count)
            {
                var before = Moments.Mean(series.Volume.Slice(i - 20, 20));
                var after = Moments.Mean(series.Volume.Slice(i, 20));
                Assert.InRange(after / before / (double)split.Value, 0.4, 2.5);
            }
        }
    }

    [Fact]
    public void A_subset_of_stocks_pays_quarterly_dividends_of_one_to_four_percent_a_year()
    {
        var dividends = fixture.Market.Actions.Where(a => a.Kind == CorporateActionKind.CashDividend).ToArray();
        var payers = dividends.Select(d => d.Symbol).Distinct().ToArray();
        output.WriteLine($"dividends: {dividends.Length} from {payers.Length} of {fixture.Stocks.Count} stocks");

        Assert.InRange(payers.Length, 5, fixture.Stocks.Count - 5);
        foreach (var payer in payers)
        {
            var series = fixture.Stocks.Single(s => s.Symbol == payer);
            var paid = dividends.Where(d => d.Symbol == payer).ToArray();
            Assert.InRange(paid.Length, 4 * 25 - 2, 4 * 25 + 1);
            var yields = paid.Select(d =>
            {
                var i = series.IndexAtOrBefore(d.ExDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                return 4 * (double)d.Value / series.Close[i - 1];
            });
            Assert.InRange(Moments.Median(yields), 0.008, 0.05);
        }
    }

    [Fact]
    public void Some_overnight_gaps_exceed_15_percent()
    {
        var gaps = 0;
        foreach (var series in fixture.Stocks)
        {
            var actions = fixture.ActionsOf(series.Symbol);
            for (var i = 1; i < series.Count; i++)
            {
                // Against the previous close as a holder sees it: a split or a dividend is not news.
                var (ratio, dividend) = DefaultSyntheticMarket.On(actions, DateOnly.FromDateTime(series.Time[i]));
                var reference = (series.Close[i - 1] / ratio) - dividend;
                gaps += Math.Abs(series.Open[i] - reference) / reference > 0.15 ? 1 : 0;
            }
        }

        output.WriteLine($"gaps over 15%: {gaps}");
        Assert.InRange(gaps, 10, 1000);
    }

    [Fact]
    public void Volume_rises_with_the_size_of_the_move()
    {
        var correlations = fixture.Stocks.Select(s =>
        {
            var moves = fixture.StockReturns[s.Symbol].Select(r => Math.Abs(r)).ToArray();
            var logVolume = s.Volume[1..].ToArray().Select(v => Math.Log(v)).ToArray();
            return Moments.Correlation(moves, logVolume);
        }).ToArray();
        output.WriteLine($"correlation of |return| and log volume: mean {correlations.Average():F2}");

        Assert.True(correlations.Average() > 0.1, $"mean {correlations.Average()}");
    }

    [Fact]
    public void The_index_is_the_equal_weighted_average_of_its_constituents_from_a_level_of_1000()
    {
        Assert.InRange(fixture.Index.Open[0], 900, 1100);
        var worst = 0.0;
        for (var d = 1; d < fixture.Index.Count; d++)
        {
            var sum = 0.0;
            foreach (var stock in fixture.Stocks)
            {
                var (ratio, _) = DefaultSyntheticMarket.On(fixture.ActionsOf(stock.Symbol), DateOnly.FromDateTime(stock.Time[d]));
                sum += stock.Close[d] * ratio / stock.Close[d - 1];
            }

            var expected = sum / fixture.Stocks.Count;
            var actual = fixture.Index.Close[d] / fixture.Index.Close[d - 1];
            worst = Math.Max(worst, Math.Abs(actual - expected));
        }

        output.WriteLine($"largest daily difference between the index and its constituents' average: {worst:E2}");
        Assert.True(worst < 1e-4, $"worst {worst}");
    }
}
