using Trading.Domain;

namespace Trading.Execution;

/// <summary>A fraction of each fill's value (0.001 is 0.1%, 10 basis points), at least <c>minimum</c> per fill.</summary>
/// <remarks>Exact decimals, not rounded to the cent: the ledger keeps what the model says.</remarks>
public sealed class PercentOfValueCommission : ICommissionModel
{
    public PercentOfValueCommission(decimal rate, decimal minimum = 0)
    {
        if (rate is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"A commission rate is a fraction of the fill's value, at least 0 and below 1 (0.001 is 0.1%); got {rate}.");
        }

        if (minimum < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"A minimum commission cannot be negative; got {minimum}.");
        }

        Rate = rate;
        Minimum = minimum;
    }

    public decimal Rate { get; }

    public decimal Minimum { get; }

    public decimal Commission(OrderRequest order, decimal quantity, decimal price, bool isFirstFillOfOrder) =>
        Math.Max(Rate * quantity * price, Minimum);
}
