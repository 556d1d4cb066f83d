using Trading.Domain;

namespace Trading.Execution;

/// <summary>No commission: the default.</summary>
public sealed class ZeroCommission : ICommissionModel
{
    public decimal Commission(OrderRequest order, decimal quantity, decimal price, bool isFirstFillOfOrder) => 0m;
}
