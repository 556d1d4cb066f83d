using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>A symbol's share of equity in the desired portfolio (0.05 is five percent), at the price it was decided on.</summary>
public sealed record TargetWeight(Symbol Symbol, double Weight, double Price);
