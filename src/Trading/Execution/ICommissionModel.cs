using Trading.Domain;

namespace Trading.Execution;

/// <summary>What the broker charges for a fill.</summary>
public interface ICommissionModel
{
    /// <summary>The commission on a fill of <paramref name="quantity"/> shares at <paramref name="price"/>;
    /// <paramref name="isFirstFillOfOrder"/> lets per-order fees be charged once however many partial fills an order takes.</summary>
    decimal Commission(OrderRequest order, decimal quantity, decimal price, bool isFirstFillOfOrder);
}
