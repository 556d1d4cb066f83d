using Trading.Accounting;

namespace Trading.Backtesting.Reports;

public static partial class HtmlReport
{
    private static readonly string[] MonthNames =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static void WriteMonthlyReturns(BacktestResult result, TextWriter w)
    {
        var monthly = PerformanceMetrics.MonthlyReturns(result.EquityCurve);
        var yearly = PerformanceMetrics.YearlyReturns(result.EquityCurve);
        w.Write("<section class=\"card\"><h2>Monthly returns</h2>");
        if (monthly.Count == 0)
        {
            w.Write("<p class=\"muted\">Not enough equity points for monthly returns.</p></section>");
            return;
        }

        // One colour scale for the whole table, so that equal colours mean equal returns.
        var scale = 0.01;
        foreach (var month in monthly)
        {
            scale = Math.Max(scale, Math.Abs(month.Return));
        }

        w.Write("<table class=\"heatmap\"><thead><tr><th>Year</th>");
        foreach (var name in MonthNames)
        {
            w.Write($"<th>{name}</th>");
        }

        w.Write("<th class=\"year\">Year</th></tr></thead><tbody>");
        var next = 0;
        foreach (var year in yearly)
        {
            w.Write($"<tr><th>{year.Year.ToString(Invariant)}</th>");
            var cells = new double?[12];
            for (; next < monthly.Count && monthly[next].Year == year.Year; next++)
            {
                cells[monthly[next].Month - 1] = monthly[next].Return;
            }

            for (var m = 0; m < 12; m++)
            {
                if (cells[m] is { } r)
                {
                    w.Write($"<td style=\"background:{HeatColour(r, scale)}\" title=\"{MonthNames[m]} {year.Year.ToString(Invariant)}: {Percent(r, 2)}\">{Percent(r, 1)}</td>");
                }
                else
                {
                    w.Write("<td class=\"blank\"></td>");
                }
            }

            var yearScale = Math.Max(scale, Math.Abs(year.Return));
            w.Write($"<td class=\"year\" style=\"background:{HeatColour(year.Return, yearScale)}\">{Percent(year.Return, 1)}</td></tr>");
        }

        w.Write("</tbody></table></section>");
    }

    /// <summary>Green for gains and red for losses, stronger with size; a flat month is white.</summary>
    private static string HeatColour(double value, double scale)
    {
        var strength = Math.Min(1, Math.Abs(value) / scale);
        var alpha = value == 0 ? 0 : 0.10 + (0.75 * Math.Sqrt(strength));
        var rgb = value >= 0 ? "22,163,74" : "220,38,38";
        return string.Create(Invariant, $"rgba({rgb},{alpha:0.###})");
    }

    private static void WriteTrades(BacktestResult result, TextWriter w, Func<DateTime, string> time)
    {
        var trades = result.Trades;
        w.Write(string.Create(Invariant, $"<section class=\"card\"><h2>Trades <span class=\"muted\">({trades.Count:N0} round trips)</span></h2>"));
        if (trades.Count == 0)
        {
            w.Write("<p class=\"muted\">No round trips were closed in this run.</p></section>");
            return;
        }

        w.Write("<div class=\"table-wrap\"><table class=\"trades\"><thead><tr><th>#</th><th>Symbol</th><th>Side</th><th>Entry</th>");
        w.Write("<th class=\"num\">Entry price</th><th>Exit</th><th class=\"num\">Exit price</th><th class=\"num\">Quantity</th>");
        w.Write("<th class=\"num\">P&amp;L</th><th class=\"num\">Return</th></tr></thead><tbody>");
        var cut = trades.Count > 2 * TradesShownAtEachEnd;
        for (var i = 0; i < trades.Count; i++)
        {
            if (cut && i == TradesShownAtEachEnd)
            {
                var hidden = trades.Count - (2 * TradesShownAtEachEnd);
                w.Write(string.Create(Invariant, $"<tr class=\"gap\"><td colspan=\"10\">… {hidden:N0} trades not shown: the first and last {TradesShownAtEachEnd:N0} are listed (the metrics count them all) …</td></tr>"));
                i = trades.Count - TradesShownAtEachEnd;
            }

            var t = trades[i];
            var tone = Sign((double)t.ProfitAndLoss);
            var side = t.Side == PositionSide.Long ? "Long" : "Short";
            w.Write(string.Create(Invariant, $"<tr><td class=\"muted\">{i + 1:N0}</td><td><b>{Encode(t.Symbol.Value)}</b></td>"));
            w.Write($"<td><span class=\"side {side.ToLowerInvariant()}\">{side}</span></td><td>{Encode(time(t.EntryTime))}</td>");
            w.Write($"<td class=\"num\">{Price(t.EntryPrice)}</td><td>{Encode(time(t.ExitTime))}</td><td class=\"num\">{Price(t.ExitPrice)}</td>");
            w.Write($"<td class=\"num\">{t.Quantity.ToString("#,##0.####", Invariant)}</td>");
            w.Write($"<td class=\"num {tone}\">{Money(t.ProfitAndLoss)}</td><td class=\"num {tone}\">{Percent((double)t.ReturnOnEntry, 2)}</td></tr>");
        }

        w.Write("</tbody></table></div></section>");
    }
}
