using System.Globalization;
using Trading.Accounting;
using Trading.Strategies;

namespace Trading.Backtesting.Reports;

/// <summary>A backtest as one self-contained HTML page: header, key figures, metrics, equity and drawdown charts
/// (inline SVG), a monthly returns heatmap and the trades. No scripts, fonts, images or links to anything outside
/// the file, so it can be mailed, archived or opened offline; all text from the run is HTML-escaped.</summary>
public static partial class HtmlReport
{
    /// <summary>Trades shown at each end of a long trade list; the middle is summarised in one row.</summary>
    public const int TradesShownAtEachEnd = 500;

    internal const string Blue = "#2563eb";
    internal const string Grey = "#6b7280";
    private const string Red = "#dc2626";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(BacktestResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        Func<DateTime, string> time = result.Interval.Format;
        var title = $"{result.Strategy} backtest";

        writer.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        writer.Write($"<title>{Encode(title)}</title><style>{Css}</style></head><body><main>");
        WriteHeader(result, writer, time);
        WriteWarnings(result, writer);
        WriteKeyFigures(result, writer);
        WriteEquityChart(result, writer, time);
        WriteDrawdownChart(result, writer, time);
        WriteMetrics(result, writer);
        WriteConfiguration(result, writer);
        WriteMonthlyReturns(result, writer);
        WriteRebalances(result, writer, time);
        WriteTrades(result, writer, time);
        writer.Write(string.Create(Invariant, $"<footer>{result.BarEvents:N0} bar events in {result.Elapsed.TotalSeconds:0.00} s · returns are simple returns between equity points; ratios follow pyfolio/empyrical conventions</footer>"));
        writer.Write("</main></body></html>\n");
    }

    private static void WriteHeader(BacktestResult result, TextWriter w, Func<DateTime, string> time)
    {
        w.Write($"<header><div class=\"eyebrow\">Backtest report</div><h1>{Encode(result.Strategy)}</h1>");
        w.Write("<div class=\"facts\">");
        Fact(w, "Period", $"{time(result.Start)} → {time(result.End)}");
        Fact(w, "Initial cash", Money(result.InitialCash));
        Fact(w, "Final equity", Money(result.FinalEquity));
        Fact(w, "Final cash", Money(result.FinalCash));
        if (result.Benchmark is { } benchmark)
        {
            Fact(w, "Benchmark", benchmark.Value);
        }

        w.Write("</div>");
        w.Write(string.Create(Invariant, $"<div class=\"chips\"><span class=\"chip-label\">Symbols ({result.Symbols.Count})</span>"));
        const int MaxSymbols = 40;
        for (var i = 0; i < result.Symbols.Count && i < MaxSymbols; i++)
        {
            w.Write($"<span class=\"chip\">{Encode(result.Symbols[i].Value)}</span>");
        }

        if (result.Symbols.Count > MaxSymbols)
        {
            w.Write(string.Create(Invariant, $"<span class=\"chip more\">+{result.Symbols.Count - MaxSymbols} more</span>"));
        }

        w.Write("</div>");
        if (result.Parameters.Count > 0)
        {
            w.Write("<div class=\"chips\"><span class=\"chip-label\">Parameters</span>");
            foreach (var (name, value) in result.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var source = result.ParameterSources?.TryGetValue(name, out var from) == true ? $" <i>{Encode(SourceName(from))}</i>" : string.Empty;
                w.Write($"<span class=\"chip param\"><b>{Encode(name)}</b> {Encode(ParameterText(value))}{source}</span>");
            }

            w.Write("</div>");
        }

        w.Write("</header>");
    }

    /// <summary>A parameter as a user types it: 0.2 and true, whatever its type.</summary>
    private static string ParameterText(object value) => value switch
    {
        int or decimal or bool or string => StrategyParameter.Format(value),
        _ => Convert.ToString(value, Invariant) ?? string.Empty,
    };

    private static string SourceName(ParameterSource source) => source switch
    {
        ParameterSource.Stored => "stored",
        ParameterSource.Override => "set for this run",
        _ => "default",
    };

    private static void Fact(TextWriter w, string label, string value) =>
        w.Write($"<div><span>{Encode(label)}</span><strong>{Encode(value)}</strong></div>");

    private static void WriteWarnings(BacktestResult result, TextWriter w)
    {
        if (result.Warnings.Count == 0)
        {
            return;
        }

        w.Write("<section class=\"warnings\"><h2>Warnings</h2><ul>");
        foreach (var warning in result.Warnings)
        {
            w.Write($"<li>{Encode(warning)}</li>");
        }

        w.Write("</ul></section>");
    }

    private static void WriteKeyFigures(BacktestResult result, TextWriter w)
    {
        var m = result.Metrics;
        w.Write("<section class=\"kpis\">");
        Kpi(w, "Total return", Percent(m.TotalReturn), Sign(m.TotalReturn));
        Kpi(w, "CAGR", Percent(m.Cagr), Sign(m.Cagr));
        Kpi(w, "Sharpe", Ratio(m.Sharpe), Sign(m.Sharpe));
        Kpi(w, "Max drawdown", Percent(-m.MaxDrawdown), m.MaxDrawdown > 0 ? "neg" : string.Empty);
        Kpi(w, "Win rate", m.WinRate is { } winRate ? Percent(winRate) : NotApplicable, string.Empty);
        Kpi(w, "Trades", m.TradeCount.ToString("N0", Invariant), string.Empty);
        w.Write("</section>");
    }

    private static void Kpi(TextWriter w, string label, string value, string tone) =>
        w.Write($"<div class=\"kpi\"><span>{Encode(label)}</span><strong class=\"{tone}\">{Encode(value)}</strong></div>");

    private static void WriteEquityChart(BacktestResult result, TextWriter w, Func<DateTime, string> time)
    {
        var curve = result.EquityCurve;
        var times = new DateTime[curve.Count];
        var equity = new double[curve.Count];
        for (var i = 0; i < curve.Count; i++)
        {
            times[i] = curve[i].Time;
            equity[i] = curve[i].Equity;
        }

        var chart = new SvgChart(1180, 380, CompactMoney, time);
        chart.Series.Add(new ChartSeries("Strategy", Blue, times, equity));
        if (result.BenchmarkCloses is { } closes && closes.Count == curve.Count)
        {
            var rescaled = RescaledToStart(closes, equity);
            if (rescaled is not null)
            {
                var name = result.Benchmark is { } symbol ? $"{symbol.Value} (rescaled)" : "Benchmark (rescaled)";
                chart.Series.Add(new ChartSeries(name, Grey, times, rescaled) { Dashed = true });
            }
        }

        w.Write("<section class=\"card\"><h2>Equity</h2>");
        chart.Write(w, "Equity curve");
        w.Write("</section>");
    }

    /// <summary>The benchmark scaled so that it starts where the strategy's equity is at the benchmark's first
    /// close: both lines then show what the same money would have become.</summary>
    private static double[]? RescaledToStart(IReadOnlyList<double> closes, double[] equity)
    {
        for (var i = 0; i < closes.Count; i++)
        {
            if (double.IsFinite(closes[i]) && closes[i] > 0)
            {
                var scale = equity[i] / closes[i];
                var rescaled = new double[closes.Count];
                for (var j = 0; j < closes.Count; j++)
                {
                    rescaled[j] = closes[j] * scale;
                }

                return rescaled;
            }
        }

        return null;
    }

    private static void WriteDrawdownChart(BacktestResult result, TextWriter w, Func<DateTime, string> time)
    {
        var curve = result.EquityCurve;
        var times = new DateTime[curve.Count];
        for (var i = 0; i < curve.Count; i++)
        {
            times[i] = curve[i].Time;
        }

        var chart = new SvgChart(1180, 220, v => Percent(v, 0), time) { IncludeZero = true };
        chart.Series.Add(new ChartSeries("Drawdown", Red, times, Drawdown.Series(curve)) { FillToZero = true });
        w.Write("<section class=\"card\"><h2>Drawdown</h2>");
        chart.Write(w, "Drawdown from the running peak");
        w.Write("</section>");
    }

    private static void WriteMetrics(BacktestResult result, TextWriter w)
    {
        var m = result.Metrics;
        w.Write("<section class=\"card\"><h2>Metrics</h2><div class=\"metrics\">");
        MetricGroup(w, "Returns", [
            ("Total return", Percent(m.TotalReturn)),
            ("CAGR", Percent(m.Cagr)),
            ("Annual volatility", Percent(m.AnnualVolatility)),
            ("Sharpe ratio", Ratio(m.Sharpe)),
            ("Sortino ratio", Ratio(m.Sortino)),
            ("Calmar ratio", Ratio(m.Calmar)),
        ]);
        MetricGroup(w, "Risk", [
            ("Max drawdown", Percent(-m.MaxDrawdown)),
            ("Max drawdown duration", TradingDays(m)),
            ("Longest drawdown (calendar)", Days(m.LongestDrawdown)),
            ("Alpha (annual)", m.Alpha is { } alpha ? Percent(alpha) : "–"),
            ("Beta", m.Beta is { } beta ? Ratio(beta) : "–"),
            ("Exposure", Percent(m.Exposure)),
            ("Turnover (annual)", string.Create(Invariant, $"{m.Turnover:0.00}×")),
        ]);
        MetricGroup(w, "Trading", [
            ("Round trips", m.TradeCount.ToString("N0", Invariant)),
            ("Win rate", m.WinRate is { } winRate ? Percent(winRate) : NotApplicable),
            ("Profit factor", m.ProfitFactor switch { null => NotApplicable, double.PositiveInfinity => "∞", { } factor => Ratio(factor) }),
            ("Expectancy", m.Expectancy is { } expectancy ? Money(expectancy) : NotApplicable),
            ("Commissions paid", Money(m.CommissionsPaid)),
            ("Risk-free rate", Percent(m.RiskFreeRate)),
        ]);
        w.Write("</div></section>");
    }

    private static void MetricGroup(TextWriter w, string title, (string Name, string Value)[] rows)
    {
        w.Write($"<table class=\"metric-group\"><thead><tr><th colspan=\"2\">{Encode(title)}</th></tr></thead><tbody>");
        foreach (var (name, value) in rows)
        {
            w.Write($"<tr><td>{Encode(name)}</td><td class=\"num\">{Encode(value)}</td></tr>");
        }

        w.Write("</tbody></table>");
    }
}
