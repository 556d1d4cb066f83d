namespace Trading.Data.Synthetic;

/// <summary>The price grid of the synthetic exchange: every price is quoted in whole cents, as US stocks are.</summary>
/// <remarks>
/// Rounding to the tick also makes the output robust: a last-bit difference in a library function would have to land
/// exactly on a half cent to change a printed price.
/// </remarks>
internal static class Cents
{
    /// <summary>The smallest price that can print.</summary>
    public const double Tick = 0.01;

    public static double Round(double price) => Math.Max(Math.Round(price * 100) / 100, Tick);
}
