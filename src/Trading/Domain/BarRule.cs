using System.Globalization;

namespace Trading.Domain;

/// <summary>What a bar may be: the one rule that import, fetch and every store write check, so that nothing stored
/// is beyond what sizing, the ledger's decimals and the calendars can take.</summary>
/// <remarks>
/// <para>Prices are finite and within [<see cref="MinPrice"/>, <see cref="MaxPrice"/>]. 1e-6 admits sub-penny stocks
/// (OTC ticks are 0.0001) and coins quoted in dollars; a token priced below it is quoted per thousand or million
/// units, as exchanges already do. 1e9 is over a thousand times Berkshire Hathaway A (about $700,000). The range
/// keeps money inside decimal (at most 7.9e28): an account the server allows (up to 1e12 of cash) sizes at most 1e18
/// units at the lowest price, and those units at the highest price are worth 1e27; an order's quantity is at most
/// 1e9 shares.</para>
/// <para>Low &lt;= open, close &lt;= high exactly, with no tolerance: the real data checked (505 files, 629,857 bars)
/// has no rounding hair; its only 28 breaks are one mid-session day whose open lies up to 2.5% outside the range.</para>
/// <para>Volume is finite, not negative and at most <see cref="MaxVolume"/> (10^18: far above any share or token
/// volume traded in a day, and volume times price stays within decimal).</para>
/// <para>Dates lie between <see cref="EarliestDate"/> and <see cref="LatestDate"/>: before any exchange's daily
/// record and far from <see cref="DateOnly.MaxValue"/>, which calendars and schedules use as "never".</para>
/// </remarks>
public static class BarRule
{
    public const double MinPrice = 1e-6;

    public const double MaxPrice = 1e9;

    public const double MaxVolume = 1e18;

    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    private static readonly DateTime EarliestTime = EarliestDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static readonly DateTime EndTime = LatestDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>Whether a day lies in the supported range of dates.</summary>
    public static bool IsSupportedDate(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>Why these values cannot be a bar, naming the value and what would be valid; null when they can.</summary>
    public static string? Problem(DateTime time, double open, double high, double low, double close, double volume)
    {
        if (time < EarliestTime || time >= EndTime)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the date {time:yyyy-MM-dd} is outside the supported range {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}");
        }

        if ((PriceProblem("open", open) ?? PriceProblem("high", high) ?? PriceProblem("low", low) ?? PriceProblem("close", close)) is { } price)
        {
            return price;
        }

        if (high < low)
        {
            return Say($"high {high} is below low {low}");
        }

        if (open < low || open > high)
        {
            return open < low ? Say($"open {open} is below low {low}") : Say($"open {open} is above high {high}");
        }

        if (close < low || close > high)
        {
            return close < low ? Say($"close {close} is below low {low}") : Say($"close {close} is above high {high}");
        }

        if (!double.IsFinite(volume) || volume < 0 || volume > MaxVolume)
        {
            return Say($"volume {volume} is not a number from 0 to {MaxVolume:0e0}");
        }

        return null;
    }

    /// <summary>The first bar of a series that breaks the rule and why, or null when every bar keeps it.</summary>
    public static (int Index, string Problem)? FirstProblem(BarSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var time = series.Time;
        var open = series.Open;
        var high = series.High;
        var low = series.Low;
        var close = series.Close;
        var volume = series.Volume;
        for (var i = 0; i < time.Length; i++)
        {
            if (Problem(time[i], open[i], high[i], low[i], close[i], volume[i]) is { } problem)
            {
                return (i, problem);
            }
        }

        return null;
    }

    private static string? PriceProblem(string name, double price)
    {
        if (!double.IsFinite(price))
        {
            return Say($"{name} {price} is not a finite number");
        }

        if (price <= 0)
        {
            return Say($"{name} {price} is not a positive price");
        }

        return price is < MinPrice or > MaxPrice
            ? Say($"{name} {price} is outside the price range {MinPrice:0e0} to {MaxPrice:0e0}")
            : null;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
