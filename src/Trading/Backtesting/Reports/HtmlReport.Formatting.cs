using System.Net;

namespace Trading.Backtesting.Reports;

public static partial class HtmlReport
{
    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Percent(double fraction) => Percent(fraction, 2);

    /// <summary>A percentage; a value that rounds to zero is written without a sign (never "-0.0%").</summary>
    private static string Percent(double fraction, int decimals)
    {
        if (!double.IsFinite(fraction))
        {
            return "–";
        }

        var percent = Math.Round(fraction * 100, decimals);
        return (percent == 0 ? 0 : percent).ToString("N" + decimals.ToString(Invariant), Invariant) + "%";
    }

    private static string Ratio(double value) => double.IsFinite(value) ? value.ToString("0.00", Invariant) : "–";

    private static string Money(decimal value) => value.ToString("#,##0.00", Invariant);

    private static string Price(decimal value) => value.ToString("#,##0.00##", Invariant);

    /// <summary>Axis labels: 1.25M, 980k, 12,500.</summary>
    private static string CompactMoney(double value) => Math.Abs(value) switch
    {
        >= 1e9 => (value / 1e9).ToString("0.##", Invariant) + "B",
        >= 1e6 => (value / 1e6).ToString("0.##", Invariant) + "M",
        >= 1e4 => (value / 1e3).ToString("0.#", Invariant) + "k",
        _ => value.ToString("#,##0.##", Invariant),
    };

    private static string Days(TimeSpan span) => span.TotalDays >= 1
        ? span.TotalDays.ToString("N0", Invariant) + " days"
        : span.TotalHours.ToString("0.#", Invariant) + " hours";

    /// <summary>What a metric shows when it has no value: a win rate with no round trip closed.</summary>
    private const string NotApplicable = "n/a";

    /// <summary>The maximum drawdown's own length, peak to recovery, and whether it recovered.</summary>
    private static string TradingDays(Accounting.PerformanceMetrics m) => m.MaxDrawdown == 0
        ? "–"
        : m.MaxDrawdownTradingDays.ToString("N0", Invariant) + " trading days" + (m.MaxDrawdownRecovered ? string.Empty : ", not recovered");

    private static string Sign(double value) => value > 0 ? "pos" : value < 0 ? "neg" : string.Empty;
}
