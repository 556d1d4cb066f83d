using System.Globalization;

namespace Trading.Risk;

/// <summary>The pre-trade limits of a trading node; each is optional, and a null limit checks nothing.</summary>
/// <remarks>
/// <para>Money is in the account's currency. Every limit is the largest value allowed: an order that brings a measure
/// exactly to its limit passes, a cent above is refused. The daily loss limit likewise: equity exactly the limit below
/// the session's start still trades, a cent lower stops new risk for the rest of the session.</para>
/// <para>Exposure is valued at market (shares × latest price), never at cost, and counts the working orders as if
/// they all filled: see <see cref="PreTradeRisk"/> for how each limit is measured. A JSON form with snake_case names
/// (max_order_value, max_position_value, max_gross_exposure, daily_loss_limit, max_orders_per_window,
/// rate_window_seconds) binds to it as it is.</para>
/// </remarks>
public sealed record RiskLimits
{
    /// <summary>The largest money limit accepted: a thousand trillion, beyond any account, so a larger value is a typo
    /// (for no limit, leave the limit out).</summary>
    public const decimal LargestAmount = 1_000_000_000_000_000m;

    /// <summary>The most orders a rate window may allow.</summary>
    public const int LargestOrderCount = 100_000;

    /// <summary>The longest rate window, in seconds: one day.</summary>
    public const int LongestWindowSeconds = 86_400;

    /// <summary>No limit at all: only the kill switch stops orders.</summary>
    public static RiskLimits None { get; } = new();

    /// <summary>The largest value of one order (quantity × its estimated price), reducing orders included: a guard
    /// against a mistyped quantity or price.</summary>
    public decimal? MaxOrderValue { get; init; }

    /// <summary>The largest absolute value of the position in one symbol after the order, counting the working orders
    /// on the order's side as filled.</summary>
    public decimal? MaxPositionValue { get; init; }

    /// <summary>The largest sum over symbols of absolute position values after the order, counting working orders as
    /// filled (on each symbol, the side that would leave the larger position).</summary>
    public decimal? MaxGrossExposure { get; init; }

    /// <summary>How far equity may fall below the session's starting equity before the node takes no new risk for the
    /// rest of the session (orders that reduce a position still pass).</summary>
    public decimal? DailyLossLimit { get; init; }

    /// <summary>The most orders accepted within any <see cref="RateWindowSeconds"/> (reducing orders count too).</summary>
    public int? MaxOrdersPerWindow { get; init; }

    /// <summary>The length of the sliding window <see cref="MaxOrdersPerWindow"/> counts over (default 60: a minute).</summary>
    public int RateWindowSeconds { get; init; } = 60;

    /// <summary>Every problem with these limits, one line each naming the field as the JSON form spells it; empty
    /// when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Amount(problems, "max_order_value", MaxOrderValue);
        Amount(problems, "max_position_value", MaxPositionValue);
        Amount(problems, "max_gross_exposure", MaxGrossExposure);
        Amount(problems, "daily_loss_limit", DailyLossLimit);
        if (MaxOrdersPerWindow is { } count && count is < 1 or > LargestOrderCount)
        {
            problems.Add(Invariant($"max_orders_per_window must be from 1 to {LargestOrderCount:N0} (leave it out for no limit); got {count}"));
        }

        if (RateWindowSeconds is < 1 or > LongestWindowSeconds)
        {
            problems.Add(Invariant($"rate_window_seconds must be from 1 to {LongestWindowSeconds:N0} (a day); got {RateWindowSeconds}"));
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, when there is one.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The risk limits are not usable: {string.Join("; ", problems)}.");
        }
    }

    private static void Amount(List<string> problems, string name, decimal? amount)
    {
        if (amount is not { } value)
        {
            return;
        }

        if (value <= 0)
        {
            problems.Add(Invariant($"{name} must be above 0 (leave it out for no limit); got {value}"));
        }
        else if (value > LargestAmount)
        {
            problems.Add(Invariant($"{name} must be at most {LargestAmount:N0} (leave it out for no limit); got {value}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
