using System.Globalization;
using System.Numerics;

namespace Trading.Domain;

/// <summary>A bar's price (a double) as money (a decimal): the value and scale <c>(decimal)price</c> gives, faster for
/// the prices markets quote.</summary>
/// <remarks>
/// <para>The conversion keeps the 15 significant digits a double holds and drops trailing zeros (100.10 becomes
/// 100.1, 100.00 becomes 100). A backtest converts a price at every order it checks and every fill it prices, and the
/// general conversion spends most of its time finding those digits.</para>
/// <para>A price in whole cents below a hundred billion is the double nearest to c/100 for an integer c under
/// 10^13: 13 digits, which 15 significant digits hold, and within 2^-53 of c/100, far inside the half-unit of the
/// 15th digit, so the general conversion gives exactly c/100. That decimal is built from c directly (scale 2, or 1 or
/// 0 when c ends in zeros). Every other value (sub-cent prices, zero, negatives, huge, NaN) goes to the general
/// conversion.</para>
/// <para>The engine trades prices from <see cref="Smallest"/> to <see cref="Largest"/> only (<see cref="CheckTradable"/>):
/// below, a decimal keeps too few of a price's digits (and 5e-324 becomes 0); above, a share count times the price
/// leaves decimal's range (7.9e28) long before any real market gets there.</para>
/// </remarks>
public static class BarPrice
{
    /// <summary>The smallest price the engine accounts for: a decimal still holds 20 significant digits of it.</summary>
    public const double Smallest = 1e-8;

    /// <summary>The largest price the engine accounts for: <see cref="OrderRequest.MaxQuantity"/> shares of it are
    /// worth 1e24, so thousands of such orders still sum inside decimal's range.</summary>
    public const double Largest = 1e12;

    private const double Limit = 1e11;

    /// <summary>Whether the engine can turn <paramref name="price"/> into money (NaN and infinities cannot).</summary>
    public static bool IsTradable(double price) => price >= Smallest && price <= Largest;

    /// <summary>Refuses a series with a price the engine cannot account for, naming the symbol, the bar, the value
    /// and the range; <paramref name="role"/> says what the series is to the caller ("", "benchmark ", ...).</summary>
    /// <exception cref="MoneyRangeException">A price is NaN, infinite, or outside [<see cref="Smallest"/>,
    /// <see cref="Largest"/>].</exception>
    public static void CheckTradable(BarSeries series, string role = "")
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(role);
        Check(series, series.Open, "an open", role);
        Check(series, series.High, "a high", role);
        Check(series, series.Low, "a low", role);
        Check(series, series.Close, "a close", role);
    }

    private static void Check(BarSeries series, ReadOnlySpan<double> prices, string field, string role)
    {
        var bad = FirstUntradable(prices);
        if (bad < 0)
        {
            return;
        }

        var price = prices[bad];
        var why = price > Largest ? $"above the largest price the engine accounts for ({Largest:0.#E+0})" : $"outside the prices the engine accounts for ({Smallest:0.#E+0} to {Largest:0.#E+0})";
        throw new MoneyRangeException(
            series.Symbol,
            string.Create(CultureInfo.InvariantCulture, $"{role}{series.Symbol}'s {series.Interval} bar of {series.Time[bad].ToString(series.Interval.IsIntraday ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture)} has {field} of {price:G}, {why}; fix or delete the bar in the store"));
    }

    // A scan of every price of every symbol before a run: vectors of doubles, so that it costs about 1% of the run.
    private static int FirstUntradable(ReadOnlySpan<double> prices)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var smallest = new Vector<double>(Smallest);
            var largest = new Vector<double>(Largest);
            var width = Vector<double>.Count;
            for (; i <= prices.Length - width; i += width)
            {
                // Both comparisons are false for NaN, so a NaN leaves the vector loop too.
                var v = new Vector<double>(prices[i..]);
                if (!(Vector.GreaterThanOrEqualAll(v, smallest) && Vector.LessThanOrEqualAll(v, largest)))
                {
                    break;
                }
            }
        }

        for (; i < prices.Length; i++)
        {
            if (!IsTradable(prices[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The same decimal as <c>(decimal)price</c>: equal in value and in scale.</summary>
    /// <exception cref="OverflowException">As <c>(decimal)price</c>: NaN, infinity or beyond decimal's range.</exception>
    public static decimal ToDecimal(double price)
    {
        if (price > 0 && price < Limit)
        {
            var cents = Math.Round(price * 100);
            if (cents / 100 == price)
            {
                var units = (long)cents;
                if (units % 100 == 0)
                {
                    return new decimal(units / 100);
                }

                return units % 10 == 0 ? Scaled(units / 10, 1) : Scaled(units, 2);
            }
        }

        return (decimal)price;
    }

    // units < 10^13 < 2^63: two 32-bit words of the 96-bit integer, the third zero.
    private static decimal Scaled(long units, byte scale) => new((int)units, (int)(units >> 32), 0, false, scale);
}
