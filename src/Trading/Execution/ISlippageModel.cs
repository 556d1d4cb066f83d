using Trading.Domain;

namespace Trading.Execution;

/// <summary>The price a fill really gets, given the price the fill rule chose: worse for the trader, never better.</summary>
public interface ISlippageModel
{
    decimal Apply(OrderSide side, decimal price, decimal quantity, in Bar bar);

    /// <summary>Whether <see cref="Apply"/> reads the bar. A model that says no is given an empty one: a backtest
    /// then reads no more of the bar than its orders need (see the venue's matching).</summary>
    bool ReadsBar => true;
}
