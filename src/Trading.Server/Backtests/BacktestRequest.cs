using System.Text.Json;

namespace Trading.Server.Backtests;

/// <summary>A backtest as a client submits it. Without <c>symbols</c> it runs over the built-in synthetic market,
/// benchmarked against its index; <c>parameters</c> override the strategy's configured ones for this run only.</summary>
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
    double? RiskFree);
