using System.Text.Json;

namespace Trading.Server.Optimizations;

/// <summary>A search as a client submits it. <c>params</c> maps each searched parameter to a range as the command
/// line writes it (<c>"5:50:5"</c>, <c>"a,b,c"</c>) or to a list of values (<c>[20, 30]</c>); the others keep their
/// configured values. <c>method</c> is grid, random (a sample of <c>trials</c>) or halving (successive halving of the
/// grid, or of a sample of <c>trials</c>, keeping the best 1/<c>eta</c> of each rung). Without <c>symbols</c> it runs
/// over the built-in synthetic market.</summary>
internal sealed record OptimizationRequest(
    string? Strategy,
    IReadOnlyList<string?>? Symbols,
    string? StartDate,
    string? EndDate,
    string? Interval,
    IReadOnlyDictionary<string, JsonElement>? Params,
    string? Method,
    int? Trials,
    ulong? Seed,
    string? Objective,
    IReadOnlyList<string?>? Constraints,
    int? Jobs)
{
    /// <summary>With method halving: each rung keeps the best 1/eta of its trials (3 unless given).</summary>
    public int? Eta { get; init; }

    public decimal? InitialCash { get; init; }

    public decimal? CommissionRate { get; init; }

    public decimal? SlippageBps { get; init; }
}
