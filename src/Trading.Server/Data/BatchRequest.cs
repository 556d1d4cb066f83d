namespace Trading.Server.Data;

/// <summary>The original's batch request: several symbols over one range.</summary>
internal sealed record BatchRequest(IReadOnlyList<string?>? Symbols, string? StartDate, string? EndDate, string? Interval);

/// <summary>The original's batch answer: each symbol that has bars, and for each that has none, why.</summary>
internal sealed record BatchResponse(IReadOnlyDictionary<string, StockResponse> StockData, IReadOnlyDictionary<string, string> Errors);
