using Trading.Accounting;
using Trading.Backtesting.Config;

namespace Trading.Backtesting.Reports;

public static partial class HtmlReport
{
    /// <summary>The run's effective configuration, in the words of the command line's flags, when it was recorded.</summary>
    private static void WriteConfiguration(BacktestResult result, TextWriter w)
    {
        if (result.Config is not { } config)
        {
            return;
        }

        w.Write("<section class=\"card\"><h2>Configuration</h2><div class=\"metrics\">");
        var what = new List<(string, string)> { ("Strategy", config.Strategy ?? "–") };
        if (config.StrategyFile is { } file)
        {
            what.Add(("Strategy file", file));
            what.Add(("SHA-256", config.StrategySha256 ?? "–"));
        }

        if (config.StrategyAssembly is { } assembly)
        {
            what.Add(("Strategy assembly", assembly));
        }

        what.Add(("Data", config.Csv is { } csv ? $"{csv.Path}{(csv.Symbol is null ? string.Empty : $" as {csv.Symbol}")}"
            : config.Symbols is { } symbols ? string.Join(", ", symbols.Take(12)) + (symbols.Count > 12 ? $" (+{symbols.Count - 12})" : string.Empty)
            : config.Universe ?? "the synthetic market"));
        what.Add(("From → to", $"{config.StartDate ?? "first bar"} → {config.EndDate ?? "last bar"}"));
        what.Add(("Interval", config.Interval ?? "–"));
        what.Add(("Index", config.Index ?? "–"));
        what.Add(("Benchmark", config.Benchmark ?? "–"));
        MetricGroup(w, "Strategy and data", [.. what]);
        MetricGroup(w, "Costs and fills", [
            ("Commission", config.Commission?.Spec ?? "none"),
            ("Slippage", config.Slippage?.Spec ?? "none"),
            ("Max volume participation", config.MaxVolumeParticipation is { } cap ? ModelNumber.Text(cap) : "no cap"),
            ("Fill on same bar", config.FillOnSameBar == true ? "yes" : "no"),
        ]);
        MetricGroup(w, "Account", [
            ("Account", config.Account == AccountType.Margin ? "margin" : "cash"),
            ("Leverage", config.Leverage is { } leverage ? ModelNumber.Text(leverage) + "×" : "–"),
            ("Initial cash", config.InitialCash is { } cash ? Money(cash) : "–"),
            ("Risk-free rate", config.RiskFree is { } riskFree ? Percent(riskFree) : "–"),
        ]);
        w.Write("</div><p class=\"muted\">The --json output records this configuration: <code>trade backtest --config</code> that file runs it again.</p></section>");
    }
}
