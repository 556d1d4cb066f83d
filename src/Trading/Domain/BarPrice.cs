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
/// </remarks>
public static class BarPrice
{
    private const double Limit = 1e11;

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
