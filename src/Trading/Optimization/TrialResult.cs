using Trading.Accounting;

namespace Trading.Optimization;

/// <summary>What a search keeps of one trial: its parameters, metrics and per-period returns (for the overfitting
/// statistics), not its curve, fills or orders.</summary>
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

    /// <summary>The simple return of equity into each point of the curve after the first (0 where equity was not
    /// positive before): what the deflated Sharpe ratio and CSCV read. Every trial of a search has the same times.</summary>
    public double[] Returns { get; init; } = [];

    /// <summary>Periods a year of the curve (252 for daily bars), inferred from its times.</summary>
    public double PeriodsPerYear { get; init; } = 252;
}
