namespace Trading.Strategies.Files;

/// <summary>A strategy file or assembly that gave no strategy, and every reason.</summary>
public sealed record BrokenStrategySource(string Path, IReadOnlyList<StrategyFileError> Errors);
