using Trading.Domain;

namespace Trading.Indicators;

/// <summary>A streaming indicator: fed one bar at a time, O(1) and allocation-free per bar.</summary>
public interface IIndicator
{
    /// <summary>How many bars come before the first valid value (TA-Lib's lookback for the same parameters).</summary>
    int Lookback { get; }

    /// <summary>True once the indicator has seen enough bars for its values to be valid (they are NaN before).</summary>
    bool IsReady { get; }

    void Update(in Bar bar);
}

/// <summary>An indicator of one price series; <see cref="IIndicator.Update(in Bar)"/> feeds it the close.</summary>
public interface IPriceIndicator : IIndicator
{
    void Update(double value);
}
