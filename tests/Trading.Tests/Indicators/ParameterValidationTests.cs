using Trading.Indicators;

namespace Trading.Tests.Indicators;

public sealed class ParameterValidationTests
{
    public static TheoryData<Func<object>, string, string> BadParameters => new()
    {
        { () => new Sma(0), "period", "period must be between 1 and 100000; got 0." },
        { () => new Ema(100_001), "period", "period must be between 1 and 100000; got 100001." },
        { () => new Rsi(1), "period", "period must be between 2 and 100000; got 1." },
        { () => new Macd(26, 12, 9), "slowPeriod", "slowPeriod must be between 27 and 100000; got 12." },
        { () => new BollingerBands(20, -1), "deviations", "deviations must be between 0 and 100; got -1." },
        { () => new Atr(0), "period", "period must be between 1 and 100000; got 0." },
        { () => new Dmi(1), "period", "period must be between 2 and 100000; got 1." },
        { () => new Stochastic(14, 0, 3), "slowKPeriod", "slowKPeriod must be between 1 and 100000; got 0." },
        { () => new Keltner(20, double.NaN, 10), "multiplier", "multiplier must be between 0 and 100; got NaN." },
        { () => new Vwap(-1), "period", "period must be between 0 and 100000; got -1." },
        { () => new LinearRegression(1), "period", "period must be between 2 and 100000; got 1." },
    };

    [Theory]
    [MemberData(nameof(BadParameters), DisableDiscoveryEnumeration = true)]
    public void A_bad_parameter_is_refused_with_its_value_and_the_valid_range(Func<object> create, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
