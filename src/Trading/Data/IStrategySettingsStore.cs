namespace Trading.Data;

/// <summary>Where the parameters a user configured for each strategy live between requests and restarts.</summary>
/// <remarks>Values are kept as the text a strategy definition binds (<c>"120"</c>, <c>"0.3"</c>), by strategy name in
/// lower case, so the store knows nothing of schemas: validating is the caller's job, before it writes.</remarks>
public interface IStrategySettingsStore
{
    /// <summary>The values set for <paramref name="strategy"/> (name → text), empty when none were ever set.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadAsync(string strategy, CancellationToken cancellationToken = default);

    /// <summary>Replaces the values set for <paramref name="strategy"/> with <paramref name="values"/>, atomically.</summary>
    Task WriteAsync(string strategy, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default);
}
