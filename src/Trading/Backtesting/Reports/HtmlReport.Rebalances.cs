using System.Globalization;
using Trading.Portfolio;

namespace Trading.Backtesting.Reports;

public static partial class HtmlReport
{
    private const int RebalancesShown = 12;

    /// <summary>Desired versus actual: a line per rebalance (how many symbols ended away from their desired size),
    /// and the detail of the latest ones and of every one with a shortfall, up to <see cref="RebalancesShown"/>.</summary>
    private static void WriteRebalances(BacktestResult result, TextWriter w, Func<DateTime, string> time)
    {
        var rebalances = result.Rebalances;
        if (rebalances.Count == 0)
        {
            return;
        }

        var withShortfall = rebalances.Count(r => r.Shortfalls > 0);
        var outcomes = rebalances.SelectMany(r => r.Lines).GroupBy(l => l.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count():N0} {Words(g.Key)}");
        w.Write(string.Create(Invariant, $"<section class=\"card\"><h2>Rebalances <span class=\"muted\">({rebalances.Count:N0}; {withShortfall:N0} ended short of the desired portfolio)</span></h2>"));
        w.Write($"<p class=\"muted\">Order outcomes over the run: {Encode(string.Join(", ", outcomes))}.</p>");
        var shown = rebalances
            .Select((r, i) => (Rebalance: r, Index: i))
            .Where(x => x.Rebalance.Shortfalls > 0)
            .TakeLast(RebalancesShown / 2)
            .Concat(rebalances.Select((r, i) => (Rebalance: r, Index: i)).TakeLast(RebalancesShown / 2))
            .DistinctBy(x => x.Index)
            .OrderByDescending(x => x.Index)
            .ToList();
        w.Write(string.Create(Invariant, $"<p class=\"muted\">The latest rebalances and the latest with a shortfall ({shown.Count} of {rebalances.Count:N0}; the JSON results hold them all).</p>"));
        foreach (var (rebalance, index) in shown)
        {
            // The latest is open, and every one that ended short: those are what a reader came to see.
            var open = rebalance.Shortfalls > 0 || index == rebalances.Count - 1;
            w.Write(string.Create(Invariant, $"<details{(open ? " open" : string.Empty)}><summary><b>{Encode(time(rebalance.Time))}</b> · equity {Money(rebalance.Equity)} · {rebalance.Lines.Count} symbols · {rebalance.Shortfalls} short</summary>"));
            foreach (var note in rebalance.Notes)
            {
                w.Write($"<p class=\"muted\">{Encode(note)}</p>");
            }

            w.Write("<div class=\"table-wrap\"><table class=\"trades\"><thead><tr><th>Symbol</th><th class=\"num\">Before</th><th class=\"num\">Desired</th>");
            w.Write("<th class=\"num\">Ordered</th><th class=\"num\">Filled</th><th class=\"num\">After</th><th>Outcome</th><th>Why</th></tr></thead><tbody>");
            foreach (var line in rebalance.Lines)
            {
                var tone = line.Shortfall == 0 ? string.Empty : " negative";
                w.Write($"<tr><td><b>{Encode(line.Symbol.Value)}</b></td><td class=\"num\">{Shares(line.Before)}</td><td class=\"num\">{Shares(line.Desired)}</td>");
                w.Write($"<td class=\"num\">{Shares(line.Ordered)}</td><td class=\"num\">{Shares(line.Filled)}</td><td class=\"num{tone}\">{Shares(line.After)}</td>");
                w.Write($"<td>{Encode(Words(line.Outcome))}</td><td class=\"muted\">{Encode(line.Reason ?? string.Empty)}</td></tr>");
            }

            w.Write("</tbody></table></div></details>");
        }

        w.Write("</section>");
    }

    private static string Shares(decimal quantity) => quantity.ToString("#,##0.####;-#,##0.####;0", CultureInfo.InvariantCulture);

    private static string Words(ReconciliationOutcome outcome) => outcome switch
    {
        ReconciliationOutcome.PartiallyFilled => "partially filled",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
