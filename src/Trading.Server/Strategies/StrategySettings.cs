using System.Text.Json;
using Trading.Data;
using Trading.Server.Hosting;
using Trading.Strategies;

namespace Trading.Server.Strategies;

/// <summary>The parameters each strategy runs with: its defaults, overridden by what was configured and stored.</summary>
/// <remarks>Only the values a user set are stored, so a default that changes in a later version reaches everyone who
/// never chose it. A stored set that no longer binds (a parameter removed, a rule tightened) is not an error for the
/// reader: the strategy falls back to its defaults and the reason is logged.</remarks>
internal sealed partial class StrategySettings(StrategyRegistry registry, IStrategySettingsStore store, ILogger<StrategySettings> logger) : IDisposable
{
    // Configuring reads the stored set, puts the given values on top and writes the whole: two at once would each
    // read the old set, and the later write would erase the other's change though both were answered with their own.
    private readonly SemaphoreSlim _configuring = new(1, 1);

    public StrategyRegistry Registry => registry;

    public void Dispose() => _configuring.Dispose();

    /// <summary>The strategy's current parameters.</summary>
    public async Task<StrategyParameters> CurrentAsync(StrategyDefinition definition, CancellationToken cancellationToken) =>
        (await ResolveAsync(definition, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false)).Parameters;

    /// <summary>The stored values with <paramref name="overrides"/> on top, bound (not stored), with where each value
    /// came from: what a backtest of this strategy runs with when its request sets some parameters.</summary>
    public async Task<(ConfiguredParameters? Configured, RequestErrors Errors)> WithOverridesAsync(
        StrategyDefinition definition,
        IReadOnlyDictionary<string, JsonElement>? overrides,
        string fieldPrefix,
        CancellationToken cancellationToken)
    {
        // Each value is checked on its own first, so that a bad one is reported against its own field.
        var errors = new RequestErrors();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in overrides ?? new Dictionary<string, JsonElement>())
        {
            var field = fieldPrefix + name;
            if (ToText(value) is not { } text)
            {
                errors.Add(field, $"{name} must be a number, true or false, or text; got a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
                continue;
            }

            var parameter = definition.Parameters.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                errors.Add(field, $"unknown parameter '{Shorten(name)}' for {definition.Name}; valid: {string.Join(", ", definition.Parameters.Select(p => p.Name))}");
                continue;
            }

            try
            {
                parameter.Parse(text);
                texts[parameter.Name] = text;
            }
            catch (ArgumentException e)
            {
                errors.Add(field, e.Message);
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        try
        {
            return (await ResolveAsync(definition, texts, cancellationToken).ConfigureAwait(false), errors);
        }
        catch (ArgumentException e)
        {
            // A rule between parameters: name the first given parameter the message mentions.
            var named = overrides?.Keys.FirstOrDefault(k => e.Message.Contains(k.Trim(), StringComparison.OrdinalIgnoreCase));
            var field = named is not null ? fieldPrefix + named.Trim() : fieldPrefix.Length > 0 ? fieldPrefix.TrimEnd('.') : "body";
            errors.Add(field, e.Message);
            return (null, errors);
        }
    }

    /// <summary>Checks <paramref name="values"/> against the schema and its rules, then stores them on top of what was
    /// stored before, and returns the strategy's parameters as they now stand; one configuration at a time.</summary>
    public async Task<(StrategyParameters? Parameters, RequestErrors Errors)> ConfigureAsync(
        StrategyDefinition definition,
        IReadOnlyDictionary<string, JsonElement> values,
        CancellationToken cancellationToken)
    {
        await _configuring.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (configured, errors) = await WithOverridesAsync(definition, values, string.Empty, cancellationToken).ConfigureAwait(false);
            if (configured is null)
            {
                return (null, errors);
            }

            var parameters = configured.Parameters;
            var explicitValues = parameters.AsText()
                .Where(p => parameters.IsExplicit(p.Key))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            await store.WriteAsync(definition.Name, explicitValues, cancellationToken).ConfigureAwait(false);
            return (parameters, errors);
        }
        finally
        {
            _configuring.Release();
        }
    }

    /// <summary>The stored values under <paramref name="overrides"/>, by the rule the command line uses too.</summary>
    private async Task<ConfiguredParameters> ResolveAsync(StrategyDefinition definition, IReadOnlyDictionary<string, string> overrides, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(definition.Name, cancellationToken).ConfigureAwait(false);
        var resolved = ConfiguredParameters.Resolve(definition, stored, overrides);
        if (resolved.StoredSetAside is { } reason)
        {
            LogStaleSettings(logger, definition.Name, reason);
        }

        return resolved;
    }

    /// <summary>The text a parameter binds from a JSON value: numbers as written (120, 0.3), booleans, strings.</summary>
    private static string? ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => value.GetString(),
        _ => null,
    };

    private static string Shorten(string name) => name.Length <= 40 ? name : string.Concat(name.AsSpan(0, 40), "…");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored parameters of {Strategy} no longer bind ({Reason}); using its defaults")]
    private static partial void LogStaleSettings(ILogger logger, string strategy, string reason);
}
