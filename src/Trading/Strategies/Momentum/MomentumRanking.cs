using System.Globalization;
using Trading.Domain;
using Trading.Indicators;

namespace Trading.Strategies.Momentum;

/// <summary>The momentum ranking of a universe at one time: every symbol's signal, best first, and the market regime
/// that allowed or held back new buys.</summary>
/// <param name="AsOf">The decision time: the latest bar time in the universe.</param>
/// <param name="TopCount">How many symbols the top percentage keeps.</param>
/// <param name="Signals">Qualified symbols by rank (best score first), then the disqualified ones by symbol.</param>
public sealed record MomentumRanking(DateTime AsOf, MarketRegime Regime, int TopCount, IReadOnlyList<Signal> Signals)
{
    private const double TradingDaysPerYear = 252;

    /// <summary>Ranks <paramref name="universe"/> as of its latest bar.</summary>
    /// <param name="universe">Each symbol's bars up to the decision time, split-adjusted (a split is not a crash), as
    /// traded otherwise. Only the last <see cref="MomentumSettings.RequiredBars"/> bars are read, so the answer does
    /// not depend on how much older history was loaded.</param>
    /// <param name="index">The market index up to the decision time, or null to switch the regime filter off.</param>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Score: the least-squares line through ln(close) of the last <c>lookback_period</c> bars gives a slope per
    /// bar; score = (exp(slope × 252) − 1) × R².</item>
    /// <item>Disqualified (SELL, with the reason): too little history, no bar at the decision time (stale), a close
    /// under its <c>trend_filter_period</c>-bar average, or a gap above <c>max_gap</c> inside the window.</item>
    /// <item>The top <c>top_percentage</c> of the universe (rounded up) among the qualified, by score: BUY when the
    /// regime allows new buys, else HOLD (keep, do not add). The rest of the qualified: SELL, outside the top.</item>
    /// <item>Risk unit: the mean true range of the last <c>atr_period</c> bars (TA-Lib's ATR seed).</item>
    /// </list>
    /// Ties in score rank by symbol, so the order is deterministic.
    /// </remarks>
    public static MomentumRanking Rank(IReadOnlyList<BarSeries> universe, BarSeries? index, MomentumSettings settings)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validated();
        var asOf = universe.Where(s => !s.IsEmpty).Select(s => s.LastTime).DefaultIfEmpty(DateTime.MinValue).Max();
        var regime = index is null ? MarketRegime.Off : MarketRegime.Of(index, settings.MarketRegimePeriod);
        var evaluated = universe.Select(s => Evaluate(s, asOf, settings)).ToList();
        var qualified = evaluated
            .Where(e => e.Reason is null)
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.Symbol.Value, StringComparer.Ordinal)
            .ToList();
        var topCount = settings.TopCount(universe.Count);
        var signals = new List<Signal>(universe.Count);
        for (var i = 0; i < qualified.Count; i++)
        {
            var e = qualified[i];
            var rank = i + 1;
            var (action, reason) = rank <= topCount
                ? regime.AllowsNewBuys ? (SignalAction.Buy, (string?)null) : (SignalAction.Hold, $"in the top {topCount} but {regime.Description}")
                : (SignalAction.Sell, $"ranked {rank} of {qualified.Count} qualified: outside the top {topCount} ({Percent(settings.TopPercentage)} of {universe.Count})");
            signals.Add(e.ToSignal(action, rank, reason));
        }

        foreach (var e in evaluated.Where(e => e.Reason is not null).OrderBy(e => e.Symbol.Value, StringComparer.Ordinal))
        {
            signals.Add(e.ToSignal(SignalAction.Sell, null, e.Reason));
        }

        return new MomentumRanking(asOf, regime, topCount, signals);
    }

    private static Evaluation Evaluate(BarSeries bars, DateTime asOf, MomentumSettings settings)
    {
        var symbol = bars.Symbol;
        var n = bars.Count;
        var required = settings.RequiredBars;
        if (n < required)
        {
            return Evaluation.Disqualified(symbol, bars, $"not enough history: {n} bars, the filters need {required}");
        }

        var close = bars.Close;
        var open = bars.Open;
        var price = close[n - 1];
        if (bars.LastTime < asOf)
        {
            return Evaluation.Disqualified(symbol, bars, $"stale: its last bar is {bars.Interval.Format(bars.LastTime)}, the ranking is as of {bars.Interval.Format(asOf)}");
        }

        var lookback = settings.LookbackPeriod;
        var (slope, rSquared, returnDeviation) = LogFit(close[(n - lookback - 1)..n]);
        var score = (Math.Exp(slope * TradingDaysPerYear) - 1) * rSquared;
        var volatility = returnDeviation * Math.Sqrt(TradingDaysPerYear);
        var trueRanges = 0.0;
        for (var i = n - settings.AtrPeriod; i < n; i++)
        {
            trueRanges += TrueRange.Of(bars.High[i], bars.Low[i], close[i - 1]);
        }

        var atr = trueRanges / settings.AtrPeriod;
        var evaluation = new Evaluation(symbol, price, score, atr, volatility, null);
        var trendSum = 0.0;
        for (var i = n - settings.TrendFilterPeriod; i < n; i++)
        {
            trendSum += close[i];
        }

        // Under by more than rounding noise: a flat 90.01 sums to an average of 90.01000000000016.
        var trend = trendSum / settings.TrendFilterPeriod;
        if (PriceComparison.IsBelow(price, trend))
        {
            return evaluation with { Reason = string.Create(CultureInfo.InvariantCulture, $"trend: close {price:0.##} is under its {settings.TrendFilterPeriod}-bar average {trend:0.##}") };
        }

        for (var i = n - settings.LookbackPeriod; i < n; i++)
        {
            var gap = Math.Abs(open[i] - close[i - 1]) / close[i - 1];
            if (gap > settings.MaxGap)
            {
                return evaluation with { Reason = string.Create(CultureInfo.InvariantCulture, $"gap: opened {gap:0.0%} away from the previous close on {bars.Interval.Format(bars.Time[i])}, over the {settings.MaxGap:0.##%} limit") };
            }
        }

        if (!(atr > 0) || !double.IsFinite(score))
        {
            return evaluation with { Reason = string.Create(CultureInfo.InvariantCulture, $"no usable risk: ATR {atr:0.####}, score {score:0.####}") };
        }

        return evaluation;
    }

    /// <summary>The least-squares line through ln(close) of the last <c>closes.Length − 1</c> bars against 0, 1, ...
    /// (slope per bar and R², as the <see cref="LinearRegression"/> indicator with logarithms gives them), and the
    /// population standard deviation of the log returns into those bars (the first close only starts the returns).</summary>
    /// <remarks>One pass for the sums, one for the centred moments: a window is ranked once, so the streaming
    /// indicators' sliding state would be built only to be thrown away, at several times the cost. A test checks the
    /// two agree.</remarks>
    internal static (double Slope, double RSquared, double ReturnDeviation) LogFit(ReadOnlySpan<double> closes)
    {
        var count = closes.Length - 1;
        Span<double> logs = count <= 512 ? stackalloc double[count + 1] : new double[count + 1];
        var sumLogs = 0.0;
        for (var i = 0; i <= count; i++)
        {
            logs[i] = Math.Log(closes[i]);
            if (i > 0)
            {
                sumLogs += logs[i];
            }
        }

        var meanLog = sumLogs / count;
        var meanReturn = (logs[count] - logs[0]) / count;
        var meanX = (count - 1) / 2.0;
        double sxy = 0, syy = 0, returnSquares = 0;
        for (var i = 1; i <= count; i++)
        {
            var dy = logs[i] - meanLog;
            sxy += (i - 1 - meanX) * dy;
            syy += dy * dy;
            var dr = logs[i] - logs[i - 1] - meanReturn;
            returnSquares += dr * dr;
        }

        var sxx = count * (((double)count * count) - 1) / 12.0;
        var slope = sxy / sxx;
        var rSquared = syy > 0 ? sxy * sxy / (sxx * syy) : 0;
        return (slope, Math.Min(rSquared, 1.0), Math.Sqrt(returnSquares / count));
    }

    private static string Percent(double fraction) => fraction.ToString("0.##%", CultureInfo.InvariantCulture);


    private sealed record Evaluation(Symbol Symbol, double Price, double Score, double Atr, double Volatility, string? Reason)
    {
        public static Evaluation Disqualified(Symbol symbol, BarSeries bars, string reason) =>
            new(symbol, bars.IsEmpty ? double.NaN : bars.Close[^1], double.NaN, double.NaN, double.NaN, reason);

        public Signal ToSignal(SignalAction action, int? rank, string? reason) =>
            new(Symbol, action, Atr, Score, Price, rank, Volatility, reason);
    }
}
