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
    public static MomentumRanking Rank(IReadOnlyList<BarSeries> universe, BarSeries? index, MomentumSettings settings) =>
        Rank(universe, index, settings, explain: true);

    /// <summary><see cref="Rank(IReadOnlyList{BarSeries}, BarSeries?, MomentumSettings)"/>; with
    /// <paramref name="explain"/> false the signals carry no reasons (<see cref="ReasonFor"/> gives one when asked):
    /// a strategy ranking every week needs the reasons of the few symbols it trades, and writing hundreds it never
    /// reads was a fifth of its run.</summary>
    public static MomentumRanking Rank(IReadOnlyList<BarSeries> universe, BarSeries? index, MomentumSettings settings, bool explain)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validated();
        var asOf = DateTime.MinValue;
        foreach (var series in universe)
        {
            if (!series.IsEmpty && series.LastTime > asOf)
            {
                asOf = series.LastTime;
            }
        }

        var regime = index is null ? MarketRegime.Off : MarketRegime.Of(index, settings.MarketRegimePeriod);
        var evaluated = new Evaluation[universe.Count];
        var qualified = new List<Evaluation>(universe.Count);
        var disqualified = new List<Evaluation>();
        for (var i = 0; i < evaluated.Length; i++)
        {
            var e = evaluated[i] = Evaluate(universe[i], asOf, settings);
            (e.Why is null ? qualified : disqualified).Add(e);
        }

        qualified.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var byScore and not 0 ? byScore : string.CompareOrdinal(a.Symbol.Value, b.Symbol.Value));
        disqualified.Sort(static (a, b) => string.CompareOrdinal(a.Symbol.Value, b.Symbol.Value));
        var topCount = settings.TopCount(universe.Count);
        var ranking = new MomentumRanking(asOf, regime, topCount, [])
        {
            _settings = settings,
            _universeCount = universe.Count,
            _qualifiedCount = qualified.Count,
            _evaluated = evaluated,
        };
        var signals = new List<Signal>(universe.Count);
        for (var i = 0; i < qualified.Count; i++)
        {
            var e = qualified[i];
            var rank = i + 1;
            e.Rank = rank;
            var action = rank > topCount ? SignalAction.Sell : regime.AllowsNewBuys ? SignalAction.Buy : SignalAction.Hold;
            signals.Add(e.ToSignal(action, rank, explain ? ranking.Explain(e) : null));
        }

        foreach (var e in disqualified)
        {
            signals.Add(e.ToSignal(SignalAction.Sell, null, explain ? ranking.Explain(e) : null));
        }

        return ranking with { Signals = signals };
    }

    private MomentumSettings? _settings;
    private int _universeCount;
    private int _qualifiedCount;
    private Evaluation[] _evaluated = [];

    /// <summary>Why <paramref name="symbol"/> got its signal (null for a plain BUY), as <see cref="Signal.Reason"/>
    /// says it when the ranking explains.</summary>
    public string? ReasonFor(Symbol symbol)
    {
        foreach (var e in _evaluated)
        {
            if (e.Symbol == symbol)
            {
                return Explain(e);
            }
        }

        return null;
    }

    private string? Explain(Evaluation e)
    {
        if (e.Why is { } why)
        {
            return why.Describe();
        }

        if (e.Rank > TopCount)
        {
            return $"ranked {e.Rank} of {_qualifiedCount} qualified: outside the top {TopCount} ({Percent(_settings!.TopPercentage)} of {_universeCount})";
        }

        return Regime.AllowsNewBuys ? null : $"in the top {TopCount} but {Regime.Description}";
    }

    private static Evaluation Evaluate(BarSeries bars, DateTime asOf, MomentumSettings settings)
    {
        var symbol = bars.Symbol;
        var n = bars.Count;
        var required = settings.RequiredBars;
        if (n < required)
        {
            return Evaluation.Disqualified(symbol, bars, new Disqualification(DisqualificationKind.History, n, required, default, bars.Interval));
        }

        var close = bars.Close;
        var open = bars.Open;
        var price = close[n - 1];
        if (bars.LastTime < asOf)
        {
            return Evaluation.Disqualified(symbol, bars, new Disqualification(DisqualificationKind.Stale, 0, 0, bars.LastTime, bars.Interval) { AsOf = asOf });
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
            return evaluation with { Why = new Disqualification(DisqualificationKind.Trend, price, trend, default, bars.Interval) { Period = settings.TrendFilterPeriod } };
        }

        for (var i = n - settings.LookbackPeriod; i < n; i++)
        {
            var gap = Math.Abs(open[i] - close[i - 1]) / close[i - 1];
            if (gap > settings.MaxGap)
            {
                return evaluation with { Why = new Disqualification(DisqualificationKind.Gap, gap, settings.MaxGap, bars.Time[i], bars.Interval) };
            }
        }

        if (!(atr > 0) || !double.IsFinite(score))
        {
            return evaluation with { Why = new Disqualification(DisqualificationKind.NoRisk, atr, score, default, bars.Interval) };
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


    private sealed record Evaluation(Symbol Symbol, double Price, double Score, double Atr, double Volatility, Disqualification? Why)
    {
        /// <summary>1 for the best score among the qualified, set as they are ranked.</summary>
        public int Rank { get; set; }

        public static Evaluation Disqualified(Symbol symbol, BarSeries bars, Disqualification why) =>
            new(symbol, bars.IsEmpty ? double.NaN : bars.Close[^1], double.NaN, double.NaN, double.NaN, why);

        public Signal ToSignal(SignalAction action, int? rank, string? reason) =>
            new(Symbol, action, Atr, Score, Price, rank, Volatility, reason);
    }

    private enum DisqualificationKind
    {
        History,
        Stale,
        Trend,
        Gap,
        NoRisk,
    }

    /// <summary>Why a symbol did not qualify, in numbers, put in words only when someone reads it.</summary>
    private readonly record struct Disqualification(DisqualificationKind Kind, double First, double Second, DateTime When, Interval Interval)
    {
        public DateTime AsOf { get; init; }

        public int Period { get; init; }

        public string Describe() => Kind switch
        {
            DisqualificationKind.History => string.Create(CultureInfo.InvariantCulture, $"not enough history: {First} bars, the filters need {Second}"),
            DisqualificationKind.Stale => $"stale: its last bar is {Interval.Format(When)}, the ranking is as of {Interval.Format(AsOf)}",
            DisqualificationKind.Trend => string.Create(CultureInfo.InvariantCulture, $"trend: close {First:0.##} is under its {Period}-bar average {Second:0.##}"),
            DisqualificationKind.Gap => string.Create(CultureInfo.InvariantCulture, $"gap: opened {First:0.0%} away from the previous close on {Interval.Format(When)}, over the {Second:0.##%} limit"),
            _ => string.Create(CultureInfo.InvariantCulture, $"no usable risk: ATR {First:0.####}, score {Second:0.####}"),
        };
    }
}
