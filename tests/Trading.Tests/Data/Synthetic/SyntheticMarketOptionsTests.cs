using Trading.Data.Synthetic;
using Trading.Domain;

namespace Trading.Tests.Data.Synthetic;

public class SyntheticMarketOptionsTests
{
    [Fact]
    public void Defaults_are_the_demo_market()
    {
        var options = new SyntheticMarketOptions();

        Assert.Equal(50, options.Symbols);
        Assert.Equal(new DateOnly(2000, 1, 1), options.From);
        Assert.Equal(new DateOnly(2024, 12, 31), options.To);
        Assert.Equal(42UL, options.Seed);
        Assert.Empty(options.Problems());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(5001)]
    public void Refuses_a_symbol_count_outside_1_to_5000(int symbols)
    {
        var options = new SyntheticMarketOptions { Symbols = symbols };

        var problem = Assert.Single(options.Problems());
        Assert.Equal($"The number of symbols must be between 1 and 5000; got {symbols}.", problem);
    }

    [Fact]
    public void Refuses_a_start_that_is_not_before_the_end()
    {
        var options = new SyntheticMarketOptions { From = new DateOnly(2024, 1, 1), To = new DateOnly(2020, 1, 1) };

        Assert.Equal("The start date 2024-01-01 must be before the end date 2020-01-01.", Assert.Single(options.Problems()));
    }

    [Fact]
    public void Refuses_a_range_without_a_trading_day()
    {
        var options = new SyntheticMarketOptions { From = new DateOnly(2024, 1, 6), To = new DateOnly(2024, 1, 7) };

        Assert.Equal(
            "There is no trading day between 2024-01-06 and 2024-01-07; choose a range that includes a weekday.",
            Assert.Single(options.Problems()));
    }

    [Fact]
    public void Refuses_dates_outside_the_supported_range()
    {
        var options = new SyntheticMarketOptions { From = new DateOnly(1850, 1, 1) };

        Assert.Equal(
            "The start date 1850-01-01 is outside the supported range 1900-01-01 to 2199-12-31.",
            Assert.Single(options.Problems()));
    }

    [Fact]
    public void Refuses_a_market_of_more_than_a_century()
    {
        var options = new SyntheticMarketOptions { Symbols = 5, From = new DateOnly(1900, 1, 1), To = new DateOnly(2000, 1, 2) };

        Assert.Equal(
            "The market from 1900-01-01 to 2000-01-02 spans more than 100 years; choose a shorter range.",
            Assert.Single(options.Problems()));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    [InlineData(20261206UL)]
    public void A_century_of_market_keeps_the_bar_rule(ulong seed)
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 30, From = new DateOnly(1900, 1, 1), To = new DateOnly(2000, 1, 1), Seed = seed });

        Assert.All(market.Series, s => Assert.Null(BarRule.FirstProblem(s)));
    }

    [Fact]
    public void Refuses_a_market_too_big_for_memory()
    {
        var options = new SyntheticMarketOptions { Symbols = 5000, From = new DateOnly(1950, 1, 1) };

        var problem = Assert.Single(options.Problems());
        Assert.StartsWith("5000 symbols over ", problem, StringComparison.Ordinal);
        Assert.Contains("more than the limit of 50,000,000; ask for fewer symbols or a shorter range.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_lists_every_problem_in_one_exception()
    {
        var options = new SyntheticMarketOptions { Symbols = 0, From = new DateOnly(2024, 1, 1), To = new DateOnly(2020, 1, 1) };

        var error = Assert.Throws<ArgumentException>(() => SyntheticMarket.Generate(options));

        Assert.Contains("between 1 and 5000; got 0.", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be before the end date 2020-01-01.", error.Message, StringComparison.Ordinal);
    }
}
