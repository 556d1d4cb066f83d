using Trading.Domain;

namespace Trading.Strategies;

/// <summary>A trading strategy: it sees bars up to now through its context and answers with orders. It does not
/// know whether it runs in a backtest, on paper or live.</summary>
/// <remarks>
/// Order of calls: <see cref="Initialize"/> once before the first bar; then, at each time of the clock, fills of
/// orders working from earlier bars have already happened (<see cref="OnOrderEvent"/>), and <see cref="OnBar"/> is
/// called once per symbol that has a bar at that time, in universe order; <see cref="OnEnd"/> once after the last.
/// Orders submitted in <see cref="OnBar"/> meet the market no earlier than the next bar.
/// </remarks>
public interface IStrategy
{
    void Initialize(IStrategyContext context);

    /// <summary>A new bar of <paramref name="symbol"/> (an index into <see cref="IStrategyContext.Symbols"/>).</summary>
    void OnBar(IStrategyContext context, int symbol);

    void OnOrderEvent(IStrategyContext context, OrderEvent orderEvent)
    {
    }

    /// <summary>A split of <paramref name="symbol"/> took effect before this bar's open: each old share is now
    /// <paramref name="ratio"/> shares and prices are in the new units from this bar on. Prices a strategy kept from
    /// before are in the old units.</summary>
    void OnSplit(IStrategyContext context, int symbol, decimal ratio)
    {
    }

    /// <summary>Every symbol with a bar at <see cref="IStrategyContext.Time"/> has had its <see cref="OnBar"/>: the
    /// moment for decisions across the universe (ranking, rebalancing). Called once per time of the clock.</summary>
    void OnTimeStep(IStrategyContext context)
    {
    }

    void OnEnd(IStrategyContext context)
    {
    }
}
