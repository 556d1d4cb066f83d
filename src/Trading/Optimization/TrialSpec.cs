using Trading.Strategies;

namespace Trading.Optimization;

/// <summary>One trial of a search: which one it is and the parameters it runs with. With the data, the strategy and
/// the run's settings, all a trial needs: a trial is a pure function of them (<see cref="BacktestTrial.Run"/>).</summary>
/// <param name="Number">Its place in the search (0, 1, ...), the order results are kept and ties broken in.</param>
/// <param name="GridIndex">Its combination's index in the search space's grid.</param>
/// <param name="Parameters">Every parameter of the strategy, bound and checked.</param>
public sealed record TrialSpec(int Number, long GridIndex, StrategyParameters Parameters);
