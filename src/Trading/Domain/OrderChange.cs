namespace Trading.Domain;

/// <summary>A replace request: the fields given change, the others stay. The order keeps its id and its fills.</summary>
public sealed record OrderChange(decimal? Quantity = null, decimal? LimitPrice = null, decimal? StopPrice = null);
