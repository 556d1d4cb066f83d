using Trading.Domain;

namespace Trading.Execution;

/// <summary>The price a fill really gets, given the price the fill rule chose: worse for the trader, never better.</summary>
/// <remarks>The venue keeps the result within the fill bar's range: a buy pays at most the bar's high, a sell gets at
/// least its low (backtrader's default, <c>slip_match</c> without <c>slip_out</c>), and a limit order never goes past
/// its limit. A model need not read the bar for that: the venue reads the high or the low itself, and only when the
/// model moved the price.</remarks>
public interface ISlippageModel
{
    decimal Apply(OrderSide side, decimal price, decimal quantity, in Bar bar);

    /// <summary>Whether <see cref="Apply"/> reads the bar. A model that says no is given an empty one: a backtest
    /// then reads no more of the bar than its orders need (see the venue's matching), and the cap at the bar's
    /// range reads one column at most.</summary>
    bool ReadsBar => true;
}
