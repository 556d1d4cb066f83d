namespace Trading.Strategies;

/// <summary>One indicator output over one symbol's whole series, computed once and shared read-only by the runs over
/// the same data (the trials of a search). A strategy reads it only through its context
/// (<see cref="IStrategyContext.Indicator(SharedColumn, int)"/>), which never reads past the clock's current bar.</summary>
public sealed class SharedColumn
{
    internal SharedColumn(int symbol, string name, bool restartsAtSplits, double[] values)
    {
        Symbol = symbol;
        Name = name;
        RestartsAtSplits = restartsAtSplits;
        Values = values;
    }

    /// <summary>The symbol's index in the run's universe.</summary>
    public int Symbol { get; }

    /// <summary>The column as <c>trade indicators</c> names it: <c>sma(20)</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the indicator starts again from the first bar after each split, as a strategy that restarts
    /// its indicators on <see cref="IStrategy.OnSplit"/> streams it.</summary>
    public bool RestartsAtSplits { get; }

    /// <summary>How many bars the column covers: the whole series.</summary>
    public int Count => Values.Length;

    /// <summary>A value per bar of the series, NaN while the indicator warms up; never written after it is made.</summary>
    internal double[] Values { get; }
}
