using System.Runtime.InteropServices;
using Trading.Domain;

namespace Trading.Accounting;

public sealed partial record PerformanceMetrics
{
    private const double DaysPerYear = 365.25;

    /// <summary>Measures a run from its equity curve, round trips and fills, following the conventions of
    /// pyfolio and empyrical so the numbers can be checked against them.</summary>
    /// <remarks>
    /// <para>Returns are the simple returns of equity between consecutive points, r = E[i] / E[i-1] - 1
    /// (a point whose predecessor has no positive equity gives no return). With ppy periods per year
    /// (<see cref="MetricsSettings.PeriodsPerYear"/>, or inferred by <see cref="InferPeriodsPerYear"/>) and the
    /// per-period risk-free rate rf = (1 + annual rate)^(1/ppy) - 1:</para>
    /// <list type="bullet">
    /// <item>Total return = last / first - 1. CAGR = (last / first)^(365.25 / calendar days) - 1 (-1 if the
    /// money is gone).</item>
    /// <item>Annual volatility = sample standard deviation (n - 1) of r × sqrt(ppy).</item>
    /// <item>Sharpe = mean(r - rf) / stdev(r - rf) × sqrt(ppy).</item>
    /// <item>Sortino = mean(r - rf) / sqrt(mean(min(0, r - rf)²)) × sqrt(ppy), the downside deviation taken
    /// over all periods (empyrical's <c>downside_risk</c>).</item>
    /// <item>Max drawdown = the largest fall from a running peak (positive), with its peak, trough and recovery (the
    /// first point back at the peak) and its duration in trading days from peak to recovery, or to the end if it did
    /// not recover. Longest drawdown = the longest calendar time from any peak to the first point back at it, or to
    /// the end (see <see cref="Drawdown"/>). Calmar = CAGR / max drawdown.</item>
    /// <item>Beta = cov(r - rf, b - rf) / var(b - rf) and alpha = (1 + mean((r - rf) - beta (b - rf)))^ppy - 1
    /// (empyrical's <c>alpha_beta</c>), over the periods where both the run's and the benchmark's returns exist;
    /// b are the simple returns of the benchmark closes aligned with the equity times (NaN where missing).</item>
    /// <item>Win rate = round trips with a profit / round trips. Profit factor = gross profit / gross loss
    /// (+∞ with winners and no losers, 0 with no winners). Expectancy = mean profit per round trip. All three are
    /// null without a round trip: a run that never closed one has no rate to show.</item>
    /// <item>Exposure = mean of gross exposure / equity over the points. Turnover = value of all fills
    /// (buys and sells, as pyfolio) per calendar year / mean equity, so selling out and buying back the whole
    /// book once a year is 2.</item>
    /// <item>Commissions paid = sum of the fills' commissions; trade count = number of round trips.</item>
    /// </list>
    /// <para>Degenerate inputs (fewer than two points, no spread of returns, a zero drawdown, no benchmark
    /// variance) give 0 for the affected ratio, never NaN or an exception. Alpha and beta are null without a
    /// benchmark.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The benchmark closes are not one per equity point.</exception>
    public static PerformanceMetrics Compute(
        IReadOnlyList<EquityPoint> equity,
        IReadOnlyList<RoundTrip> trades,
        IReadOnlyList<Fill> fills,
        MetricsSettings settings,
        IReadOnlyList<double>? benchmarkCloses = null)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var totals = FillTotals.Of(fills);
        return Compute(equity, trades, totals.TradedValue, totals.Commissions, settings, benchmarkCloses);
    }

    /// <summary><see cref="Compute(IReadOnlyList{EquityPoint}, IReadOnlyList{RoundTrip}, IReadOnlyList{Fill}, MetricsSettings, IReadOnlyList{double}?)"/>
    /// with the fills' totals already known (a ledger keeps both as it books): Σ |quantity × price| and Σ commission,
    /// so a run of a hundred thousand fills need not visit them again.</summary>
    public static PerformanceMetrics Compute(
        IReadOnlyList<EquityPoint> equity,
        IReadOnlyList<RoundTrip> trades,
        decimal tradedValue,
        decimal commissionsPaid,
        MetricsSettings settings,
        IReadOnlyList<double>? benchmarkCloses = null)
    {
        ArgumentNullException.ThrowIfNull(equity);
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (benchmarkCloses is not null && benchmarkCloses.Count != equity.Count)
        {
            throw new ArgumentException(
                $"The benchmark needs one close per equity point ({equity.Count}); got {benchmarkCloses.Count}.",
                nameof(benchmarkCloses));
        }

        // One span over the curve for every pass below: no interface call per point.
        var points = Points(equity);
        var periodsPerYear = settings.PeriodsPerYear ?? PeriodsPerYearOf(points);
        var riskFree = Math.Pow(1 + settings.RiskFreeRate, 1 / periodsPerYear) - 1;
        var years = points.Length < 2 ? 0 : (points[^1].Time - points[0].Time).TotalDays / DaysPerYear;
        var drawdown = Drawdown.Of(points);
        var cagr = CompoundAnnualGrowth(points, years);
        var (alpha, beta) = benchmarkCloses is null
            ? ((double?)null, (double?)null)
            : AlphaBeta(EquityReturns(points), SimpleReturns(benchmarkCloses, static (list, i) => list[i]), riskFree, periodsPerYear);

        // The deviation and the mean excess return serve volatility, Sharpe and Sortino alike.
        var curve = CurveSums.Of(points, riskFree);
        var count = curve.Returns;
        var excess = count == 0 ? 0 : curve.Excess / count;
        var deviation = curve.Deviation;

        // One pass over each list: a long run has as many round trips and fills as objects to visit.
        var tradeTotals = TradeTotals.Of(trades);
        return new PerformanceMetrics
        {
            TotalReturn = points.Length >= 2 && points[0].Equity > 0 ? (points[^1].Equity / points[0].Equity) - 1 : 0,
            Cagr = cagr,
            AnnualVolatility = deviation * Math.Sqrt(periodsPerYear),
            Sharpe = count < 2 || deviation <= 0 ? 0 : excess / deviation * Math.Sqrt(periodsPerYear),
            Sortino = SortinoOf(curve.DownsideSquares, count, excess, periodsPerYear),
            Calmar = drawdown.MaxDrawdown > 0 ? cagr / drawdown.MaxDrawdown : 0,
            MaxDrawdown = drawdown.MaxDrawdown,
            MaxDrawdownPeak = drawdown.MaxDrawdown > 0 ? drawdown.Peak : null,
            MaxDrawdownTrough = drawdown.MaxDrawdown > 0 ? drawdown.Trough : null,
            MaxDrawdownRecovery = drawdown.Recovery,
            MaxDrawdownRecovered = drawdown.Recovered,
            MaxDrawdownTradingDays = drawdown.MaxDrawdownTradingDays,
            LongestDrawdown = drawdown.LongestUnderwater,
            Alpha = alpha,
            Beta = beta,
            WinRate = trades.Count == 0 ? null : (double)tradeTotals.Winners / trades.Count,
            ProfitFactor = trades.Count == 0 ? null : tradeTotals.ProfitFactor,
            Expectancy = trades.Count == 0 ? null : tradeTotals.NetProfit / trades.Count,
            Exposure = curve.Exposure,
            Turnover = TurnoverOf(curve.MeanEquity, tradedValue, years),
            TradeCount = trades.Count,
            CommissionsPaid = commissionsPaid,
            RiskFreeRate = settings.RiskFreeRate,
        };
    }

    /// <summary>The curve's points as a span: the list's own storage when it is a list or an array.</summary>
    internal static ReadOnlySpan<EquityPoint> Points(IReadOnlyList<EquityPoint> equity) => equity switch
    {
        List<EquityPoint> list => CollectionsMarshal.AsSpan(list),
        EquityPoint[] array => array,
        _ => equity.ToArray(),
    };

    /// <summary><see cref="SimpleReturns"/> of the equity, over a span.</summary>
    private static double[] EquityReturns(ReadOnlySpan<EquityPoint> points)
    {
        if (points.Length < 2)
        {
            return [];
        }

        var returns = new double[points.Length - 1];
        for (var i = 1; i < points.Length; i++)
        {
            returns[i - 1] = ReturnAt(points, i);
        }

        return returns;
    }

    /// <summary>The simple return into point <paramref name="i"/> (i ≥ 1), or NaN (see <see cref="SimpleReturns"/>).</summary>
    private static double ReturnAt(ReadOnlySpan<EquityPoint> points, int i)
    {
        var previous = points[i - 1].Equity;
        var current = points[i].Equity;
        return previous > 0 && double.IsFinite(previous) && double.IsFinite(current)
            ? (current / previous) - 1
            : double.NaN;
    }

    /// <summary>Simple returns between consecutive values, NaN where either value is missing or the earlier one
    /// is not positive; one fewer than the values.</summary>
    private static double[] SimpleReturns<T>(IReadOnlyList<T> values, Func<IReadOnlyList<T>, int, double> at)
    {
        if (values.Count < 2)
        {
            return [];
        }

        var returns = new double[values.Count - 1];
        for (var i = 1; i < values.Count; i++)
        {
            var previous = at(values, i - 1);
            var current = at(values, i);
            returns[i - 1] = previous > 0 && double.IsFinite(previous) && double.IsFinite(current)
                ? (current / previous) - 1
                : double.NaN;
        }

        return returns;
    }

    private static double CompoundAnnualGrowth(ReadOnlySpan<EquityPoint> equity, double years)
    {
        if (equity.Length < 2 || years <= 0 || equity[0].Equity <= 0)
        {
            return 0;
        }

        var growth = equity[^1].Equity / equity[0].Equity;
        return growth <= 0 ? -1 : Math.Pow(growth, 1 / years) - 1;
    }

    /// <summary>Sortino from the sum of squared shortfalls below the risk-free return over the
    /// <paramref name="count"/> defined returns, and their <paramref name="mean"/> excess over it.</summary>
    private static double SortinoOf(double downsideSquares, int count, double mean, double periodsPerYear)
    {
        var downside = count == 0 ? 0 : Math.Sqrt(downsideSquares / count);
        return downside <= 0 ? 0 : mean / downside * Math.Sqrt(periodsPerYear);
    }

    private static (double? Alpha, double? Beta) AlphaBeta(double[] returns, double[] benchmark, double riskFree, double periodsPerYear)
    {
        // Means first, then co-moments about them: two passes keep the sums from cancelling catastrophically.
        var n = 0;
        double sumR = 0, sumB = 0;
        for (var i = 0; i < returns.Length; i++)
        {
            if (!double.IsNaN(returns[i]) && !double.IsNaN(benchmark[i]))
            {
                n++;
                sumR += returns[i] - riskFree;
                sumB += benchmark[i] - riskFree;
            }
        }

        if (n < 2)
        {
            return (0, 0);
        }

        double meanR = sumR / n, meanB = sumB / n, covariance = 0, variance = 0;
        for (var i = 0; i < returns.Length; i++)
        {
            if (!double.IsNaN(returns[i]) && !double.IsNaN(benchmark[i]))
            {
                var b = benchmark[i] - riskFree - meanB;
                covariance += (returns[i] - riskFree - meanR) * b;
                variance += b * b;
            }
        }

        // A flat benchmark explains nothing: no beta to measure, and no alpha apart from it.
        if (variance <= 1e-300)
        {
            return (0, 0);
        }

        var beta = covariance / variance;
        var alphaPerPeriod = meanR - (beta * meanB);
        var alpha = 1 + alphaPerPeriod > 0 ? Math.Pow(1 + alphaPerPeriod, periodsPerYear) - 1 : -1;
        return (double.IsFinite(alpha) ? alpha : 0, beta);
    }

    private static double TurnoverOf(double meanEquity, decimal traded, double years) =>
        years <= 0 || meanEquity <= 0 ? 0 : (double)traded / years / meanEquity;

    /// <summary>What the metrics sum over the curve, in two passes over its points (the second for the squares
    /// about the mean) and without a return array: a year of minute bars is a hundred thousand points.</summary>
    /// <remarks>Each sum adds the same terms in the same order as a pass of its own would, so fusing the passes
    /// changes no digit.</remarks>
    private readonly record struct CurveSums(int Returns, double Excess, double DownsideSquares, double Deviation, double Exposure, double MeanEquity)
    {
        public static CurveSums Of(ReadOnlySpan<EquityPoint> points, double riskFree)
        {
            int returns = 0, exposed = 0;
            double sum = 0, excess = 0, downside = 0, exposure = 0, equity = 0;
            for (var i = 0; i < points.Length; i++)
            {
                var point = points[i];
                if (point.Equity > 0)
                {
                    exposed++;
                    exposure += point.GrossExposure / point.Equity;
                }

                equity += point.Equity;
                if (i == 0)
                {
                    continue;
                }

                var r = ReturnAt(points, i);
                if (double.IsNaN(r))
                {
                    continue;
                }

                returns++;
                sum += r;
                excess += r - riskFree;
                if (r < riskFree)
                {
                    downside += (r - riskFree) * (r - riskFree);
                }
            }

            return new(
                returns,
                excess,
                downside,
                DeviationAbout(points, returns, returns == 0 ? 0 : sum / returns),
                exposed == 0 ? 0 : exposure / exposed,
                points.Length == 0 ? 0 : equity / points.Length);
        }

        /// <summary>Sample standard deviation (n - 1) of the <paramref name="count"/> defined returns about their
        /// <paramref name="mean"/>; 0 for fewer than two.</summary>
        private static double DeviationAbout(ReadOnlySpan<EquityPoint> points, int count, double mean)
        {
            if (count < 2)
            {
                return 0;
            }

            var squares = 0.0;
            for (var i = 1; i < points.Length; i++)
            {
                var r = ReturnAt(points, i);
                if (!double.IsNaN(r))
                {
                    squares += (r - mean) * (r - mean);
                }
            }

            return Math.Sqrt(squares / (count - 1));
        }
    }

    /// <summary>What the round trips add up to: winners, net profit, and gross profit and loss (a loss counted
    /// positive; a trade that breaks even counts as a loss of zero).</summary>
    private readonly record struct TradeTotals(int Winners, decimal NetProfit, decimal GrossProfit, decimal GrossLoss)
    {
        /// <summary>Gross profit / gross loss: +∞ with winners and no losses, 0 with no winners.</summary>
        public double ProfitFactor => GrossLoss == 0
            ? (GrossProfit > 0 ? double.PositiveInfinity : 0)
            : (double)(GrossProfit / GrossLoss);

        public static TradeTotals Of(IReadOnlyList<RoundTrip> trades)
        {
            var winners = 0;
            decimal net = 0, profit = 0, loss = 0;
            foreach (var trade in trades)
            {
                var pnl = trade.ProfitAndLoss;
                net += pnl;
                if (pnl > 0)
                {
                    winners++;
                    profit += pnl;
                }
                else
                {
                    loss -= pnl;
                }
            }

            return new(winners, net, profit, loss);
        }
    }

    /// <summary>What the fills add up to: the value traded (Σ |quantity × price|) and the commissions paid.</summary>
    private readonly record struct FillTotals(decimal TradedValue, decimal Commissions)
    {
        public static FillTotals Of(IReadOnlyList<Fill> fills)
        {
            decimal traded = 0, commissions = 0;
            foreach (var fill in fills)
            {
                traded += Math.Abs(fill.Quantity * fill.Price);
                commissions += fill.Commission;
            }

            return new(traded, commissions);
        }
    }
}
