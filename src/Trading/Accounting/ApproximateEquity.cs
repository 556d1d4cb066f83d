namespace Trading.Accounting;

/// <summary>Equity in doubles, and how far at most it can be from the ledger's exact decimal equity: enough to
/// decide on which side of a threshold equity lies without converting every position's price to a decimal.</summary>
/// <param name="Value">Cash plus the positions at their last prices, in doubles.</param>
/// <param name="MaxError">A bound on |Value − exact equity|; the exact equity lies in [<see cref="Low"/>, <see cref="High"/>].</param>
public readonly record struct ApproximateEquity(double Value, double MaxError)
{
    public double Low => Value - MaxError;

    public double High => Value + MaxError;

    /// <summary>The exact equity as a double, with the one rounding that conversion makes.</summary>
    public static ApproximateEquity Of(decimal equity)
    {
        var value = (double)equity;
        return new(value, Math.Abs(value) * 1e-15);
    }
}
