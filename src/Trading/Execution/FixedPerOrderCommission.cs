using Trading.Domain;

namespace Trading.Execution;

/// <summary>A flat fee per order, charged on its first fill only (later partial fills of the same order are free).</summary>
public sealed class FixedPerOrderCommission : ICommissionModel
{
    public FixedPerOrderCommission(decimal amount)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"A per-order commission cannot be negative; got {amount}.");
        }

        Amount = amount;
    }

    public decimal Amount { get; }

    public decimal Commission(OrderRequest order, decimal quantity, decimal price, bool isFirstFillOfOrder) =>
        isFirstFillOfOrder ? Amount : 0m;
}
