using System.Globalization;
using Spectre.Console;
using Trading.Backtesting;
using Trading.Strategies;

namespace Trading.Cli.Commands;

/// <summary>The table <c>trade backtest</c> prints: the account at the end, the metrics, and the run itself.</summary>
internal static class BacktestSummary
{
    public static void Write(IAnsiConsole console, BacktestResult result)
    {
        var m = result.Metrics;
        var parameters = string.Join(", ", result.Parameters.Select(p => $"{p.Key}={StrategyParameter.Format(p.Value)}"));
        console.WriteLine($"{result.Strategy} ({parameters}) on {Symbols(result)}, {result.Interval.Format(result.Start)} to {result.Interval.Format(result.End)}");
        ParameterProvenance.Write(console, result.Parameters, result.ParameterSources);
        var table = new Table().Border(TableBorder.Rounded).HideHeaders()
            .AddColumn("")
            .AddColumn(new TableColumn("").RightAligned())
            .AddColumn("")
            .AddColumn(new TableColumn("").RightAligned());
        Row(table, "initial cash", Money(result.InitialCash), "CAGR", Percent(m.Cagr));
        Row(table, "final equity", Money(result.FinalEquity), "annual volatility", Percent(m.AnnualVolatility));
        Row(table, "final cash", Money(result.FinalCash), "Sharpe", Ratio(m.Sharpe));
        Row(table, "total return", Percent(m.TotalReturn), "Sortino", Ratio(m.Sortino));
        Row(table, "max drawdown", Percent(m.MaxDrawdown), "Calmar", Ratio(m.Calmar));
        Row(table, "max drawdown duration", DrawdownDuration(m), "alpha / beta", m.Alpha is { } a && m.Beta is { } b ? $"{Percent(a)} / {Ratio(b)}" : "-");
        Row(table, "longest drawdown", $"{m.LongestDrawdown.TotalDays:F0} calendar days", "risk-free rate", Percent(m.RiskFreeRate));
        Row(table, "round trips", m.TradeCount.ToString(CultureInfo.InvariantCulture), "win rate", m.WinRate is { } winRate ? Percent(winRate) : NotApplicable);
        Row(table, "expectancy", m.Expectancy is { } expectancy ? Money(expectancy) : NotApplicable, "profit factor", m.ProfitFactor is { } factor ? Ratio(factor) : NotApplicable);
        Row(table, "exposure", Percent(m.Exposure), "turnover", $"{Ratio(m.Turnover)}x a year");
        Row(table, "fills", result.Fills.Count.ToString("N0", CultureInfo.InvariantCulture), "commissions", Money(m.CommissionsPaid));
        var rejected = result.Orders.Count(o => o.Status == Domain.OrderStatus.Rejected);
        var cancelled = result.Orders.Count(o => o.Status == Domain.OrderStatus.Cancelled);
        Row(table, "orders", result.Orders.Count.ToString("N0", CultureInfo.InvariantCulture), "rejected / cancelled", $"{rejected:N0} / {cancelled:N0}");
        table.Caption(Markup.Escape(Throughput(result.BarEvents, result.Elapsed)));
        console.Write(table);
        if (result.Orders.FirstOrDefault(o => o.Status == Domain.OrderStatus.Rejected) is { } firstRejected)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape($"{rejected} orders were rejected; the first, {firstRejected.Request} on {result.Interval.Format(firstRejected.SubmittedAt)}: {firstRejected.Reason}")}");
        }

        WriteCancellations(console, result);
        foreach (var warning in result.Warnings.Take(10))
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }

        if (result.Warnings.Count > 10)
        {
            console.MarkupLine($"[yellow]warning:[/] {result.Warnings.Count - 10} more warnings in the JSON and the report");
        }
    }

    /// <summary>Why orders were cancelled, one line per kind of reason (the text before its first colon), most
    /// frequent first, with the first such order's full reason: "cancelled 3" alone leaves a user guessing.</summary>
    private static void WriteCancellations(IAnsiConsole console, BacktestResult result)
    {
        var kinds = result.Orders
            .Where(o => o.Status == Domain.OrderStatus.Cancelled)
            .GroupBy(o => KindOf(o.Reason))
            .OrderByDescending(g => g.Count())
            .ToList();
        foreach (var kind in kinds.Take(5))
        {
            var first = kind.First();
            var line = kind.Count() == 1
                ? $"cancelled 1: {first.Request} on {result.Interval.Format(first.SubmittedAt)}: {first.Reason ?? "no reason given"}"
                : $"cancelled {kind.Count():N0}: {kind.Key}; the first, {first.Request} on {result.Interval.Format(first.SubmittedAt)}: {first.Reason ?? "no reason given"}";
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(line)}");
        }

        if (kinds.Count > 5)
        {
            console.MarkupLine($"[yellow]note:[/] {kinds.Skip(5).Sum(k => k.Count()):N0} more cancelled orders, for other reasons, in the JSON");
        }
    }

    private static string KindOf(string? reason) => reason is null
        ? "no reason given"
        : reason.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? reason[..colon] : reason;

    /// <summary>What a metric shows when it has no value: a win rate with no round trip closed.</summary>
    private const string NotApplicable = "n/a";

    private static string DrawdownDuration(Accounting.PerformanceMetrics m) => m.MaxDrawdown == 0
        ? "-"
        : $"{m.MaxDrawdownTradingDays:N0} trading days{(m.MaxDrawdownRecovered ? string.Empty : ", not recovered")}";

    private static string Symbols(BacktestResult result) =>
        result.Symbols.Count <= 4 ? string.Join(", ", result.Symbols) : $"{result.Symbols.Count} symbols";

    private static void Row(Table table, string a, string b, string c, string d) => table.AddRow(Markup.Escape(a), Markup.Escape(b), Markup.Escape(c), Markup.Escape(d));

    private static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static string Percent(double value) => double.IsFinite(value) ? value.ToString("P2", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double value) => double.IsPositiveInfinity(value) ? "inf" : double.IsFinite(value) ? value.ToString("F2", CultureInfo.InvariantCulture) : "-";

    /// <summary>What the engine loop did in how long, in units that stay true for a run of ten bars as for one of ten
    /// million: a rate only when the run is long enough for one to mean something.</summary>
    internal static string Throughput(long barEvents, TimeSpan elapsed)
    {
        var milliseconds = elapsed.TotalMilliseconds;
        var took = milliseconds < 10 ? $"{milliseconds:0.00} ms" : $"{milliseconds:N0} ms";
        var perSecond = barEvents / Math.Max(elapsed.TotalSeconds, 1e-9);
        var rate = barEvents < 10_000 || milliseconds < 1 ? string.Empty
            : perSecond >= 1e6 ? $" ({perSecond / 1e6:0.0}M bars/s)"
            : $" ({perSecond / 1e3:0.0}k bars/s)";
        return string.Create(CultureInfo.InvariantCulture, $"{barEvents:N0} bar events in {took}{rate}");
    }
}
