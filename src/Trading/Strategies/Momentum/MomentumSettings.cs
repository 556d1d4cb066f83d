namespace Trading.Strategies.Momentum;

/// <summary>The ranking rules of the momentum strategy (Clenow's "Stocks on the Move"), with the original system's
/// defaults. Checked on construction, so a ranking never starts with a setting that cannot work.</summary>
public sealed record MomentumSettings
{
    /// <summary>Bars in the regression window of the score (default 90).</summary>
    public int LookbackPeriod { get; init; } = 90;

    /// <summary>The fraction of the universe to hold, rounded up to whole symbols (default 0.2: the top fifth).</summary>
    public double TopPercentage { get; init; } = 0.2;

    /// <summary>The fraction of equity one ATR of one position may move the account (default 0.001: ten basis points).</summary>
    public double RiskFactor { get; init; } = 0.001;

    /// <summary>Bars in the market index's moving average that decides whether new buys are allowed (default 200).</summary>
    public int MarketRegimePeriod { get; init; } = 200;

    /// <summary>Bars in a stock's own moving average it must close above (default 100).</summary>
    public int TrendFilterPeriod { get; init; } = 100;

    /// <summary>The largest open-to-previous-close gap tolerated inside the window, as a fraction (default 0.15).</summary>
    public double MaxGap { get; init; } = 0.15;

    /// <summary>Bars in the average true range that is the risk unit (default 20).</summary>
    public int AtrPeriod { get; init; } = 20;

    /// <summary>Bars a symbol needs before it can be ranked: the score window, the trend average and the ATR window
    /// (which needs one bar more for its first previous close), and one bar before the window for the first gap.</summary>
    public int RequiredBars => Math.Max(Math.Max(LookbackPeriod + 1, TrendFilterPeriod), AtrPeriod + 1);

    /// <summary>How many symbols of a universe of <paramref name="universeSize"/> make the top: the top percentage,
    /// rounded up so that a small universe still holds one.</summary>
    public int TopCount(int universeSize) =>
        universeSize <= 0 ? 0 : Math.Max(1, (int)Math.Ceiling((TopPercentage * universeSize) - 1e-9));

    /// <summary>Every problem with these settings, one line each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (LookbackPeriod is < 2 or > 1000)
        {
            problems.Add($"lookback_period must be between 2 and 1000 bars (a regression needs two points); got {LookbackPeriod}");
        }

        if (!(TopPercentage > 0 && TopPercentage <= 1))
        {
            problems.Add($"top_percentage must be above 0 and at most 1 (a fraction of the universe); got {TopPercentage}");
        }

        if (!(RiskFactor > 0 && RiskFactor <= 0.1))
        {
            problems.Add($"risk_factor must be above 0 and at most 0.1 (a fraction of equity per ATR); got {RiskFactor}");
        }

        if (MarketRegimePeriod is < 1 or > 1000)
        {
            problems.Add($"market_regime_period must be between 1 and 1000 bars; got {MarketRegimePeriod}");
        }

        if (TrendFilterPeriod is < 1 or > 1000)
        {
            problems.Add($"trend_filter_period must be between 1 and 1000 bars; got {TrendFilterPeriod}");
        }

        if (!(MaxGap > 0 && MaxGap <= 1))
        {
            problems.Add($"max_gap must be above 0 and at most 1 (a fraction of the previous close); got {MaxGap}");
        }

        if (AtrPeriod is < 1 or > 1000)
        {
            problems.Add($"atr_period must be between 1 and 1000 bars; got {AtrPeriod}");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the first problem, if any.</summary>
    public MomentumSettings Validated() =>
        Problems() is [var first, ..] ? throw new ArgumentException(first) : this;
}
