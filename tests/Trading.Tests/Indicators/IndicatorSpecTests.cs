using Trading.Indicators;

namespace Trading.Tests.Indicators;

public sealed class IndicatorSpecTests
{
    [Fact]
    public void A_list_of_specs_parses_into_canonical_names_in_order()
    {
        var specs = IndicatorSpec.Parse("sma(20),ema(20),rsi(14),macd(12,26,9),bbands(20,2),atr(14),stoch(14,3,3),obv");
        Assert.Equal(
            ["sma(20)", "ema(20)", "rsi(14)", "macd(12,26,9)", "bbands(20,2)", "atr(14)", "stoch(14,3,3)", "obv"],
            specs.Select(s => s.Name));
    }

    [Theory]
    [InlineData("RSI", "rsi(14)")]
    [InlineData(" sma( 50 ) ", "sma(50)")]
    [InlineData("bbands(20, 2.0)", "bbands(20,2)")]
    [InlineData("bbands(20,2.5)", "bbands(20,2.5)")]
    [InlineData("bbands", "bbands(20,2)")]
    [InlineData("macd", "macd(12,26,9)")]
    [InlineData("stddev(10)", "stddev(10,1)")]
    [InlineData("linreg_slope(90,log)", "linreg_slope(90,log)")]
    [InlineData("linreg_r2(log)", "linreg_r2(90,log)")]
    [InlineData("keltner", "keltner(20,2,10)")]
    [InlineData("vwap", "vwap")]
    [InlineData("vwap(0)", "vwap")]
    [InlineData("vwap(20)", "vwap(20)")]
    [InlineData("trange", "trange")]
    public void Spellings_are_normalised_with_defaults_written_out(string text, string name)
    {
        Assert.Equal(name, IndicatorSpec.ParseOne(text).Name);
    }

    [Theory]
    [InlineData("macd(12,26,9)", new[] { "macd(12,26,9).macd", "macd(12,26,9).signal", "macd(12,26,9).hist" })]
    [InlineData("bbands(20,2)", new[] { "bbands(20,2).upper", "bbands(20,2).middle", "bbands(20,2).lower" })]
    [InlineData("stoch(14,3,3)", new[] { "stoch(14,3,3).k", "stoch(14,3,3).d" })]
    [InlineData("donchian(20)", new[] { "donchian(20).upper", "donchian(20).middle", "donchian(20).lower" })]
    [InlineData("keltner(20,2,10)", new[] { "keltner(20,2,10).upper", "keltner(20,2,10).middle", "keltner(20,2,10).lower" })]
    [InlineData("adx(14)", new[] { "adx(14)" })]
    [InlineData("plus_di(14)", new[] { "plus_di(14)" })]
    [InlineData("minus_di(14)", new[] { "minus_di(14)" })]
    public void Multi_output_indicators_name_each_column_with_a_suffix(string text, string[] columns)
    {
        Assert.Equal(columns, IndicatorSpec.ParseOne(text).Columns);
    }

    [Fact]
    public void An_unknown_indicator_is_named_in_one_line_with_every_valid_choice()
    {
        var error = Assert.Throws<ArgumentException>(() => IndicatorSpec.Parse("sma(20),smaa(20)"));
        Assert.StartsWith("unknown indicator 'smaa'; valid: sma(period=20), ema(period=20), wma(period=20), rsi(period=14), ", error.Message, StringComparison.Ordinal);
        Assert.Contains("macd(fast=12,slow=26,signal=9)", error.Message, StringComparison.Ordinal);
        Assert.Contains("linreg_slope(period=90,[log])", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message.Replace(" (Parameter 'text')", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rsi(1)", "bad period '1' in 'rsi(1)': it must be an integer from 2 to 100000; use rsi(period=14)")]
    [InlineData("sma(2.5)", "bad period '2.5' in 'sma(2.5)': it must be an integer from 1 to 100000; use sma(period=20)")]
    [InlineData("sma(x)", "bad period 'x' in 'sma(x)': it must be an integer from 1 to 100000; use sma(period=20)")]
    [InlineData("bbands(20,-2)", "bad deviations '-2' in 'bbands(20,-2)': it must be a number from 0 to 100; use bbands(period=20,deviations=2)")]
    [InlineData("rsi(14,3)", "'rsi(14,3)' has 2 parameter(s) but rsi takes at most 1; use rsi(period=14)")]
    [InlineData("obv(3)", "'obv(3)' has 1 parameter(s) but obv takes at most 0; use obv")]
    [InlineData("sma(log)", "bad period 'log' in 'sma(log)': it must be an integer from 1 to 100000; use sma(period=20)")]
    [InlineData("macd(26,12,9)", "bad parameters in 'macd(26,12,9)': slowPeriod must be between 27 and 100000; got 12. (Parameter 'slowPeriod') Use macd(fast=12,slow=26,signal=9)")]
    public void A_bad_parameter_is_explained_in_one_line_with_the_usage(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => IndicatorSpec.Parse(text));
        Assert.Equal(message + " (Parameter 'text')", error.Message);
    }

    [Theory]
    [InlineData("sma(20")]
    [InlineData("sma(20))")]
    [InlineData("sma(20),")]
    public void Malformed_lists_are_refused(string text)
    {
        Assert.Throws<ArgumentException>(() => IndicatorSpec.Parse(text));
    }

    [Fact]
    public void A_repeated_spec_is_kept_once()
    {
        Assert.Equal(["sma(20)", "rsi(14)"], IndicatorSpec.Parse("sma(20),rsi,SMA(20)").Select(s => s.Name));
    }

    [Fact]
    public void Every_spec_has_nan_exactly_before_its_lookback_and_values_after()
    {
        var bars = TestBars.RandomWalk(3, 120);
        var all = string.Join(",", IndicatorSpec.ValidChoices.Split(", ").Select(u => u.Split('(')[0]));
        foreach (var spec in IndicatorSpec.Parse(all + ",vwap(15),linreg_slope(20,log),macd(5,10,4)"))
        {
            foreach (var column in spec.Compute(bars))
            {
                Assert.True(TestBars.FirstValid(column) == spec.Lookback, $"{spec.Name}: first valid {TestBars.FirstValid(column)}, lookback {spec.Lookback}");
                Assert.DoesNotContain(column.Skip(spec.Lookback), double.IsNaN);
            }
        }
    }

    [Fact]
    public void Spec_ranges_agree_with_the_indicator_constructors()
    {
        // The parser states the range in its message; the constructor enforces it. They must say the same thing.
        Assert.Throws<ArgumentException>(() => IndicatorSpec.ParseOne("ema(0)"));
        _ = IndicatorSpec.ParseOne("ema(1)");
        Assert.Throws<ArgumentException>(() => IndicatorSpec.ParseOne("adx(1)"));
        _ = IndicatorSpec.ParseOne("adx(2)");
        Assert.Throws<ArgumentException>(() => IndicatorSpec.ParseOne("stddev(1)"));
        _ = IndicatorSpec.ParseOne("stoch(1,1,1)");
        _ = IndicatorSpec.ParseOne("macd(2,3,1)");
        _ = IndicatorSpec.ParseOne("keltner(1,0,1)");
        _ = IndicatorSpec.ParseOne("donchian(1)");
        _ = IndicatorSpec.ParseOne("mom(1)");
        _ = IndicatorSpec.ParseOne("atr(1)");
    }
}
