using System.Text.Json;

namespace Trading.Server.Backtests;

/// <summary>A backtest as a client submits it: a run config (docs/run-config.schema.json) without the file-only
/// members. Without <c>symbols</c> it runs over the built-in synthetic market, benchmarked against its index;
/// <c>parameters</c> override the strategy's configured ones for this run only. <c>commission_rate</c> and
/// <c>slippage_bps</c> are shorthands for <c>commission</c> and <c>slippage</c>; a result's <c>config</c> section
/// submitted again runs the same backtest.</summary>
internal sealed record BacktestRequest(
    string? Strategy,
    IReadOnlyDictionary<string, JsonElement>? Parameters,
    IReadOnlyList<string?>? Symbols,
    string? StartDate,
    string? EndDate,
    string? Interval,
    decimal? InitialCash,
    decimal? CommissionRate,
    decimal? SlippageBps,
    string? Benchmark,
    string? Account,
    decimal? Leverage,
    double? RiskFree)
{
    public JsonElement? Commission { get; init; }

    public JsonElement? Slippage { get; init; }

    public decimal? MaxVolumeParticipation { get; init; }

    public bool? FillOnSameBar { get; init; }

    /// <summary>A stored market index the strategy reads (a regime filter), not traded; ^SYN for the synthetic market.</summary>
    public string? Index { get; init; }

    // The run config's file-only members: named here so a request that gives one is told why it cannot.
    public JsonElement? StrategyFile { get; init; }

    public JsonElement? StrategySha256 { get; init; }

    public JsonElement? StrategyAssembly { get; init; }

    public JsonElement? Universe { get; init; }

    public JsonElement? Csv { get; init; }

    public JsonElement? Parquet { get; init; }
}
