using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;
using Trading.Strategies;

namespace Trading.Backtesting;

/// <summary>Everything a run produced: final account, metrics, the equity curve, round trips, fills and orders.</summary>
public sealed record BacktestResult
{
    public required string Strategy { get; init; }

    /// <summary>The parameters the strategy ran with, name to value, typed by the strategy's schema (<see cref="int"/>,
    /// <see cref="decimal"/>, <see cref="bool"/>, <see cref="string"/>), so that reports write 120 and 0.3, not "120".</summary>
    public required IReadOnlyDictionary<string, object> Parameters { get; init; }

    /// <summary>Where each parameter's value came from (default, stored, set for the run), when the caller knows.</summary>
    public IReadOnlyDictionary<string, ParameterSource>? ParameterSources { get; init; }

    public required IReadOnlyList<Symbol> Symbols { get; init; }

    /// <summary>The bar interval of the universe: how times are written in reports.</summary>
    public Interval Interval { get; init; } = Interval.Daily;

    public required DateTime Start { get; init; }

    public required DateTime End { get; init; }

    public required decimal InitialCash { get; init; }

    public required decimal FinalEquity { get; init; }

    public required decimal FinalCash { get; init; }

    public required PerformanceMetrics Metrics { get; init; }

    /// <summary>One point per time of the clock, after that time's bars.</summary>
    public required IReadOnlyList<EquityPoint> EquityCurve { get; init; }

    /// <summary>The benchmark's closes at the times of <see cref="EquityCurve"/> (NaN where it had no bar), if one was given.</summary>
    public IReadOnlyList<double>? BenchmarkCloses { get; init; }

    public Symbol? Benchmark { get; init; }

    public required IReadOnlyList<RoundTrip> Trades { get; init; }

    public required IReadOnlyList<Fill> Fills { get; init; }

    public required IReadOnlyList<OrderTicket> Orders { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The run's effective configuration (every model with its numbers, the strategy and its file's hash,
    /// the data selection), when the caller records it: reports write it, and it reads back as the same run.</summary>
    public Config.RunConfig? Config { get; init; }

    /// <summary>Each rebalance of a portfolio strategy, desired versus actual; empty for strategies that trade
    /// symbol by symbol.</summary>
    public IReadOnlyList<RebalanceRecord> Rebalances { get; init; } = [];

    /// <summary>Bars processed (one per symbol per time it traded).</summary>
    public required long BarEvents { get; init; }

    public required TimeSpan Elapsed { get; init; }
}
