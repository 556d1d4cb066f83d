namespace Trading.Server.Signals;

/// <summary>The original's signal request: the universe, the range of bars to rank on (the decision is at its last
/// bar), and the market index for the regime filter (none: the filter is off).</summary>
internal sealed record SignalRequest(IReadOnlyList<string?>? Symbols, string? StartDate, string? EndDate, string? Interval, string? MarketIndex);
