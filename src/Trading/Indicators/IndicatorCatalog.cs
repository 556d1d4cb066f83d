using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Every indicator the command line knows, by its lower-case name.</summary>
internal static class IndicatorCatalog
{
    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        Single("sma", [IndicatorParameter.Period(20, 1)], a => new Sma(I(a[0])).Lookback, (b, a, _) => Sma.Compute(b.Close, I(a[0]))),
        Single("ema", [IndicatorParameter.Period(20, 1)], a => new Ema(I(a[0])).Lookback, (b, a, _) => Ema.Compute(b.Close, I(a[0]))),
        Single("wma", [IndicatorParameter.Period(20, 1)], a => new Wma(I(a[0])).Lookback, (b, a, _) => Wma.Compute(b.Close, I(a[0]))),
        Single("rsi", [IndicatorParameter.Period(14)], a => new Rsi(I(a[0])).Lookback, (b, a, _) => Rsi.Compute(b.Close, I(a[0]))),
        new(
            "macd",
            [new("fast", 12, 2, ParameterRange.MaxPeriod), new("slow", 26, 3, ParameterRange.MaxPeriod), new("signal", 9, 1, ParameterRange.MaxPeriod)],
            ["macd", "signal", "hist"],
            (a, _) => new Macd(I(a[0]), I(a[1]), I(a[2])).Lookback,
            (b, a, _) =>
            {
                var (macd, signal, histogram) = Macd.Compute(b.Close, I(a[0]), I(a[1]), I(a[2]));
                return [macd, signal, histogram];
            }),
        new(
            "bbands",
            [IndicatorParameter.Period(20), new("deviations", 2, 0, 100, IsInteger: false)],
            ["upper", "middle", "lower"],
            (a, _) => I(a[0]) - 1,
            (b, a, _) =>
            {
                var (upper, middle, lower) = BollingerBands.Compute(b.Close, I(a[0]), a[1]);
                return [upper, middle, lower];
            }),
        Single("atr", [IndicatorParameter.Period(14, 1)], a => I(a[0]), (b, a, _) => Atr.Compute(b, I(a[0]))),
        Single("natr", [IndicatorParameter.Period(14, 1)], a => I(a[0]), (b, a, _) => Natr.Compute(b, I(a[0]))),
        Single("trange", [], _ => 1, (b, _, _) => TrueRange.Compute(b)),
        Single("adx", [IndicatorParameter.Period(14)], a => (2 * I(a[0])) - 1, (b, a, _) => Dmi.Compute(b, I(a[0])).Adx),
        Single("plus_di", [IndicatorParameter.Period(14)], a => I(a[0]), (b, a, _) => Dmi.Compute(b, I(a[0])).PlusDi),
        Single("minus_di", [IndicatorParameter.Period(14)], a => I(a[0]), (b, a, _) => Dmi.Compute(b, I(a[0])).MinusDi),
        new(
            "stoch",
            [new("fastk", 14, 1, ParameterRange.MaxPeriod), new("slowk", 3, 1, ParameterRange.MaxPeriod), new("slowd", 3, 1, ParameterRange.MaxPeriod)],
            ["k", "d"],
            (a, _) => new Stochastic(I(a[0]), I(a[1]), I(a[2])).Lookback,
            (b, a, _) =>
            {
                var (k, d) = Stochastic.Compute(b, I(a[0]), I(a[1]), I(a[2]));
                return [k, d];
            }),
        Single("willr", [IndicatorParameter.Period(14)], a => I(a[0]) - 1, (b, a, _) => WilliamsR.Compute(b, I(a[0]))),
        Single("cci", [IndicatorParameter.Period(20)], a => I(a[0]) - 1, (b, a, _) => Cci.Compute(b, I(a[0]))),
        Single("mfi", [IndicatorParameter.Period(14)], a => I(a[0]), (b, a, _) => Mfi.Compute(b, I(a[0]))),
        Single("obv", [], _ => 0, (b, _, _) => Obv.Compute(b)),
        Single("roc", [IndicatorParameter.Period(10, 1)], a => I(a[0]), (b, a, _) => RateOfChange.Compute(b.Close, I(a[0]))),
        Single("mom", [IndicatorParameter.Period(10, 1)], a => I(a[0]), (b, a, _) => Momentum.Compute(b.Close, I(a[0]))),
        Single(
            "stddev",
            [IndicatorParameter.Period(20), new("deviations", 1, 0, 100, IsInteger: false)],
            a => I(a[0]) - 1,
            (b, a, _) => StandardDeviation.Compute(b.Close, I(a[0]), a[1])),
        new(
            "linreg_slope",
            [IndicatorParameter.Period(90)],
            [],
            (a, _) => I(a[0]) - 1,
            (b, a, log) => [LinearRegression.Compute(b.Close, I(a[0]), log).Slope],
            AcceptsLogFlag: true),
        new(
            "linreg_r2",
            [IndicatorParameter.Period(90)],
            [],
            (a, _) => I(a[0]) - 1,
            (b, a, log) => [LinearRegression.Compute(b.Close, I(a[0]), log).RSquared],
            AcceptsLogFlag: true),
        new(
            "donchian",
            [IndicatorParameter.Period(20, 1)],
            ["upper", "middle", "lower"],
            (a, _) => I(a[0]) - 1,
            (b, a, _) =>
            {
                var (upper, middle, lower) = Donchian.Compute(b, I(a[0]));
                return [upper, middle, lower];
            }),
        new(
            "keltner",
            [IndicatorParameter.Period(20, 1), new("multiplier", 2, 0, 100, IsInteger: false), new("atr_period", 10, 1, ParameterRange.MaxPeriod)],
            ["upper", "middle", "lower"],
            (a, _) => new Keltner(I(a[0]), a[1], I(a[2])).Lookback,
            (b, a, _) =>
            {
                var (upper, middle, lower) = Keltner.Compute(b, I(a[0]), a[1], I(a[2]));
                return [upper, middle, lower];
            }),
        new(
            "vwap",
            [new("period", 0, 0, ParameterRange.MaxPeriod)],
            [],
            (a, _) => new Vwap(I(a[0])).Lookback,
            (b, a, _) => [Vwap.Compute(b, I(a[0]))],
            NameOmitsDefaults: true),
    ];

    public static IndicatorDefinition? Find(string name)
    {
        foreach (var definition in All)
        {
            if (definition.Name == name)
            {
                return definition;
            }
        }

        return null;
    }

    private static IndicatorDefinition Single(
        string name, IndicatorParameter[] parameters, Func<double[], int> lookback, Func<BarSeries, double[], bool, double[]> compute) =>
        new(name, parameters, [], (a, _) => lookback(a), (b, a, log) => [compute(b, a, log)]);

    // Arguments arrive as doubles; integer parameters were checked to be whole numbers in range by the parser.
    private static int I(double value) => (int)value;
}
