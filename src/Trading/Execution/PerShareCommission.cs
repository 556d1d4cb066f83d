using Trading.Domain;

namespace Trading.Execution;

/// <summary>Interactive Brokers' fixed pricing: <c>perShare</c> per share, at least <c>minimum</c> per fill, at
/// most <c>maximum</c> × the fill's value (IB: 0.005 per share, minimum 1.00, maximum 0.01 = 1% of value).</summary>
/// <remarks>
/// <c>maximum</c> is a fraction of the fill's value, not an amount of money, because that is how brokers cap a
/// per-share fee: it protects cheap stocks, where shares × rate would exceed a sensible share of the trade. The cap
/// wins over the minimum (IB charges 0.50 on a 50.00 trade), so commission = min(max(perShare × quantity, minimum),
/// maximum × quantity × price). Minimum and maximum apply to each fill, as with brokers that charge per execution.
/// Exact decimals, not rounded to the cent.
/// </remarks>
public sealed class PerShareCommission : ICommissionModel
{
    public PerShareCommission(decimal perShare, decimal minimum = 0, decimal? maximum = null)
    {
        if (perShare < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perShare), perShare, $"A per-share commission cannot be negative; got {perShare}.");
        }

        if (minimum < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"A minimum commission cannot be negative; got {minimum}.");
        }

        if (maximum is not null and (<= 0 or > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"The maximum commission is a fraction of the fill's value above 0 and at most 1 (0.01 is 1%, IB's cap), or null for none; got {maximum}.");
        }

        PerShare = perShare;
        Minimum = minimum;
        Maximum = maximum;
    }

    public decimal PerShare { get; }

    public decimal Minimum { get; }

    /// <summary>The cap as a fraction of the fill's value, or null.</summary>
    public decimal? Maximum { get; }

    public decimal Commission(OrderRequest order, decimal quantity, decimal price, bool isFirstFillOfOrder)
    {
        var commission = Math.Max(PerShare * quantity, Minimum);
        return Maximum is { } maximum ? Math.Min(commission, maximum * quantity * price) : commission;
    }
}
