namespace Trading.Strategies;

/// <summary>A strategy's schema as plain data, for a user or an HTTP client: its name, what it does, each parameter
/// (name, type, default, bounds, description) and the rules between parameters.</summary>
public sealed record StrategyDescription(
    string Name,
    string Description,
    IReadOnlyList<StrategyParameter> Parameters,
    IReadOnlyList<string> Rules);
