using Trading.Domain;

namespace Trading.Execution;

/// <summary>The price a fill really gets, given the price the fill rule chose: worse for the trader, never better.</summary>
public interface ISlippageModel
{
    decimal Apply(OrderSide side, decimal price, decimal quantity, in Bar bar);
}
