using System.Collections.ObjectModel;

namespace Trading.Strategies;

/// <summary>The parameters one run uses, with where each value came from: the strategy's defaults, under what was
/// configured and stored for it, under what this run sets. The one rule the server and the command line share, so a
/// configuration made over HTTP is what <c>trade signals</c> and <c>trade backtest</c> run with too.</summary>
/// <remarks>Reading the stored values is the caller's part (the store is I/O); this type only combines them. Stored
/// values that no longer bind (a parameter removed, a rule tightened in a later version) are set aside as a whole,
/// with the reason in <see cref="StoredSetAside"/>, rather than failing every run: the caller says so.</remarks>
public sealed class ConfiguredParameters
{
    private ConfiguredParameters(StrategyParameters parameters, IReadOnlyDictionary<string, ParameterSource> sources, string? storedSetAside)
    {
        Parameters = parameters;
        Sources = sources;
        StoredSetAside = storedSetAside;
    }

    /// <summary>Every parameter of the schema with its value, checked against its type, range and the rules.</summary>
    public StrategyParameters Parameters { get; }

    /// <summary>Parameter name → where its value came from, in schema order.</summary>
    public IReadOnlyDictionary<string, ParameterSource> Sources { get; }

    /// <summary>Why the stored values were not used (they no longer bind), or null when they were (or there were none).</summary>
    public string? StoredSetAside { get; }

    /// <summary>Binds <paramref name="overrides"/> over <paramref name="stored"/> over the defaults of
    /// <paramref name="definition"/>; names are matched ignoring case, values are text as a command line gives them.</summary>
    /// <exception cref="ArgumentException">An override names no parameter, is given twice, or its value (or a rule
    /// between the values as combined) is invalid: one line naming the parameter and the rule.</exception>
    public static ConfiguredParameters Resolve(
        StrategyDefinition definition,
        IReadOnlyDictionary<string, string> stored,
        IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(overrides);
        string? setAside = null;
        try
        {
            definition.Bind(stored);
        }
        catch (ArgumentException e)
        {
            setAside = e.Message;
            stored = new Dictionary<string, string>();
        }

        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromStore = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in stored)
        {
            var canonical = definition.Parameters[definition.IndexOf(name)].Name;
            merged[canonical] = text;
            fromStore.Add(canonical);
        }

        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in overrides)
        {
            var canonical = definition.Parameters[definition.IndexOf(name)].Name;
            if (!given.Add(canonical))
            {
                throw new ArgumentException($"{canonical} is given twice (names ignore case)");
            }

            merged[canonical] = text;
        }

        var parameters = definition.Bind(merged);
        var sources = new Dictionary<string, ParameterSource>(definition.Parameters.Count, StringComparer.Ordinal);
        foreach (var parameter in definition.Parameters)
        {
            sources.Add(
                parameter.Name,
                given.Contains(parameter.Name) ? ParameterSource.Override : fromStore.Contains(parameter.Name) ? ParameterSource.Stored : ParameterSource.Default);
        }

        return new ConfiguredParameters(parameters, new ReadOnlyDictionary<string, ParameterSource>(sources), setAside);
    }
}
