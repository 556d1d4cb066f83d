using System.Text.RegularExpressions;
using Trading.Accounting;
using Trading.Backtesting;
using Trading.Backtesting.Reports;

namespace Trading.Tests.Backtesting.Reports;

public class HtmlReportTests
{
    private static string Render(BacktestResult result)
    {
        using var writer = new StringWriter();
        HtmlReport.Write(result, writer);
        return writer.ToString();
    }

    private static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    [Fact]
    public void Report_is_one_self_contained_page()
    {
        var html = Render(SampleResults.Realistic());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Equal(1, Count(html, "<html"));
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Report_shows_the_run_its_metrics_and_one_svg_per_chart()
    {
        var result = SampleResults.Realistic();
        var html = Render(result);

        Assert.Contains("<h1>momentum</h1>", html, StringComparison.Ordinal);
        Assert.Contains("lookback_period", html, StringComparison.Ordinal);
        Assert.Contains("2021-01-04", html, StringComparison.Ordinal);
        Assert.Contains("100,000.00", html, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"{result.Metrics.Sharpe:0.00}"), html, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"{result.Metrics.MaxDrawdown * -100:N2}%"), html, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"{result.Metrics.Cagr * 100:N2}%"), html, StringComparison.Ordinal);
        Assert.Contains("Sortino ratio", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "<svg"));
        Assert.Contains("^GSPC (rescaled)", html, StringComparison.Ordinal);
        Assert.Contains("not enough cash", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Monthly_table_holds_the_compounded_returns_of_a_constructed_curve()
    {
        // Jan 31: 100 (start), Feb 29: 121 (+21.0%), Mar 29: 108.9 (-10.0%); the year: 108.9 / 100 - 1 = +8.9%.
        EquityPoint[] curve =
        [
            new(new DateTime(2024, 1, 31, 0, 0, 0, DateTimeKind.Utc), 100, 100, 0),
            new(new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), 121, 121, 0),
            new(new DateTime(2024, 3, 29, 0, 0, 0, DateTimeKind.Utc), 108.9, 108.9, 0),
        ];
        var html = Render(SampleResults.With(curve));
        var table = html[html.IndexOf("<table class=\"heatmap\"", StringComparison.Ordinal)..];
        table = table[..(table.IndexOf("</table>", StringComparison.Ordinal) + 8)];

        Assert.Matches(@"<tr><th>2024</th><td class=""blank""></td><td style=""background:rgba\(22,163,74,[0-9.]+\)"" title=""Feb 2024: 21\.00%"">21\.0%</td>", table);
        Assert.Contains(">-10.0%</td>", table, StringComparison.Ordinal);
        Assert.Contains("rgba(220,38,38,", table, StringComparison.Ordinal);
        Assert.Contains(">8.9%</td></tr>", table, StringComparison.Ordinal);
        Assert.Equal(10, Count(table, "class=\"blank\"")); // January (the start) and April to December
    }

    [Fact]
    public void Hostile_text_is_escaped()
    {
        var parameters = new Dictionary<string, string> { ["<b>name</b>"] = "<script>alert('x')</script>" };
        var result = SampleResults.With(SampleResults.Realistic(days: 30).EquityCurve, parameters: parameters) with
        {
            Strategy = "evil\"<img onerror=x>",
            Warnings = ["<iframe>"],
        };
        var html = Render(result);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>name</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("evil&quot;&lt;img onerror=x&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_trade_list_and_one_point_curve_still_make_a_report()
    {
        var onePoint = new EquityPoint[] { new(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc), 100_000, 100_000, 0) };
        var html = Render(SampleResults.With(onePoint));

        Assert.Contains("No round trips were closed", html, StringComparison.Ordinal);
        Assert.Contains("Not enough equity points for monthly returns", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "<svg"));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_round_trip_win_rate_profit_factor_and_expectancy_show_n_a()
    {
        var html = Render(SampleResults.With(Accounting.Performance.Curves.Daily(100, 101, 99, 102)));

        Assert.Contains("<span>Win rate</span><strong class=\"\">n/a</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Win rate</td><td class=\"num\">n/a</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Profit factor</td><td class=\"num\">n/a</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Expectancy</td><td class=\"num\">n/a</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_maximum_drawdowns_duration_is_shown_in_trading_days_apart_from_the_longest_drawdown()
    {
        // Peak 101 on day 1, 99 on day 2, never back: 2 trading days, not recovered; 2 calendar days under water.
        var html = Render(SampleResults.With(Accounting.Performance.Curves.Daily(100, 101, 99, 100)));

        Assert.Contains("<td>Max drawdown duration</td><td class=\"num\">2 trading days, not recovered</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Longest drawdown (calendar)</td><td class=\"num\">2 days</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_curve_makes_a_report_with_empty_charts()
    {
        var html = Render(SampleResults.With([]));
        Assert.Equal(2, Count(html, "No data to chart"));
    }

    [Fact]
    public void Intraday_curves_show_times_not_just_dates()
    {
        var start = new DateTime(2024, 3, 4, 14, 30, 0, DateTimeKind.Utc);
        var curve = Enumerable.Range(0, 200).Select(i => new EquityPoint(start.AddMinutes(5 * i), 100_000 + i, 100_000, 0)).ToArray();
        var html = Render(SampleResults.With(curve) with { Interval = Trading.Domain.Interval.FiveMinutes });
        Assert.Contains("2024-03-04T14:30:00Z", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_runs_are_thinned_to_a_reasonable_file()
    {
        var result = SampleResults.Realistic(days: 10_000, tradeCount: 5_000);
        var html = Render(result);

        Assert.True(html.Length < 2_500_000, $"the report is {html.Length:N0} characters");
        Assert.Contains("4,000 trades not shown", html, StringComparison.Ordinal);
        Assert.Contains(">5,000</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">501</td>", html, StringComparison.Ordinal);
        foreach (Match path in Regex.Matches(html, "<path class=\"series\"[^>]* d=\"([^\"]*)\""))
        {
            var points = Count(path.Groups[1].Value, "L") + Count(path.Groups[1].Value, "M");
            Assert.InRange(points, 2, 2_200);
        }
    }
}
