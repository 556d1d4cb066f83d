namespace Trading.Strategies;

/// <summary>A rule that ties parameters of one strategy together (fast below slow, one sizing method), checked after
/// each value has passed its own type and range.</summary>
/// <param name="Description">The rule in words, for the schema a user reads: "fast must be less than slow".</param>
/// <param name="Check">Null when the parameters keep the rule; otherwise a one-line message that names the
/// parameters and their values: "fast (30) must be less than slow (10)".</param>
public sealed record ParameterRule(string Description, Func<StrategyParameters, string?> Check);
