using Trading.Domain;

namespace Trading.Execution;

/// <summary>Fills at the price the fill rule chose: the default.</summary>
public sealed class NoSlippage : ISlippageModel
{
    public decimal Apply(OrderSide side, decimal price, decimal quantity, in Bar bar) => price;

    public bool ReadsBar => false;
}
