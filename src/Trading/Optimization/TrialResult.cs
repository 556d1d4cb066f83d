using Trading.Accounting;

namespace Trading.Optimization;

/// <summary>What a search keeps of one trial: its parameters and metrics, not its curve, fills or orders, so that a
/// search of a million trials holds a million small records.</summary>
public sealed record TrialResult
{
    /// <summary>The trial's place in the search (<see cref="TrialSpec.Number"/>).</summary>
    public required int Number { get; init; }

    /// <summary>Its combination's index in the grid.</summary>
    public required long GridIndex { get; init; }

    /// <summary>Every parameter, typed by the schema, in schema order.</summary>
    public required IReadOnlyDictionary<string, object> Parameters { get; init; }

    public required PerformanceMetrics Metrics { get; init; }

    /// <summary>Round trips closed.</summary>
    public required int TradeCount { get; init; }

    public required decimal FinalEquity { get; init; }

    /// <summary>Bars the run processed (one per symbol per time it traded), for throughput.</summary>
    public required long BarEvents { get; init; }
}
