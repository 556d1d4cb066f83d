namespace Trading.Strategies;

/// <summary>A strategy as a user chooses it: a name, what it does, the schema of its parameters, the rules between
/// them, and how to make an instance from validated parameters.</summary>
/// <remarks>Parameters are checked in full before a run starts (<see cref="Bind"/>), so a typo fails in the first
/// second with a message naming the parameter and the rule, never halfway through a ten-minute backtest.</remarks>
public sealed class StrategyDefinition
{
    private readonly Func<StrategyParameters, IStrategy> _factory;
    private readonly Dictionary<string, int> _indexByName;
    private readonly string _validNames;

    public StrategyDefinition(
        string name,
        string description,
        IReadOnlyList<StrategyParameter> parameters,
        Func<StrategyParameters, IStrategy> factory,
        IReadOnlyList<ParameterRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(factory);
        if (!StrategyParameter.IsSnakeCase(name))
        {
            throw new ArgumentException($"A strategy name is snake_case (like sma_cross); got '{name}'.", nameof(name));
        }

        Name = name;
        Description = description ?? string.Empty;
        Parameters = [.. parameters];
        Rules = rules is null ? [] : [.. rules];
        _factory = factory;
        _indexByName = new Dictionary<string, int>(Parameters.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (!_indexByName.TryAdd(Parameters[i].Name, i))
            {
                throw new ArgumentException($"{name}: the parameter {Parameters[i].Name} is declared twice.", nameof(parameters));
            }
        }

        _validNames = Parameters.Count == 0 ? "none (it takes no parameters)" : string.Join(", ", Parameters.Select(p => p.Name));

        // Defaults that break a rule would fail every run that sets nothing: refuse the definition instead.
        Defaults = Bind(new Dictionary<string, string>());
    }

    /// <summary>snake_case, as typed on the command line and in URLs: <c>sma_cross</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>The schema, in the order a user reads it.</summary>
    public IReadOnlyList<StrategyParameter> Parameters { get; }

    public IReadOnlyList<ParameterRule> Rules { get; }

    /// <summary>Every parameter at its default.</summary>
    public StrategyParameters Defaults { get; }

    /// <summary>Parses <paramref name="values"/> (name → text, as <c>--set fast=10</c> gives them), fills in defaults
    /// and checks every type, range and rule.</summary>
    /// <exception cref="ArgumentException">The first problem found, in one line that names the parameter and the rule:
    /// an unknown name (with the valid ones), a value of the wrong type, out of range, or a broken rule.</exception>
    public StrategyParameters Bind(IReadOnlyDictionary<string, string> values) =>
        TryBind(values, out var brokenRule) ?? throw new ArgumentException(brokenRule);

    /// <summary>As <see cref="Bind"/>, but a broken rule between valid values is returned in
    /// <paramref name="brokenRule"/> (with null) rather than thrown: a search over a grid meets many such
    /// combinations (fast not below slow), and skips them by the thousand.</summary>
    /// <exception cref="ArgumentException">An unknown name, a value of the wrong type or out of range.</exception>
    public StrategyParameters? TryBind(IReadOnlyDictionary<string, string> values, out string? brokenRule)
    {
        ArgumentNullException.ThrowIfNull(values);
        brokenRule = null;
        var typed = new object[Parameters.Count];
        var isExplicit = new bool[Parameters.Count];

        // Unknown names first: a misspelt name is the likeliest mistake, and its value would otherwise be ignored.
        foreach (var name in values.Keys)
        {
            var index = IndexOf(name);
            if (isExplicit[index])
            {
                throw new ArgumentException($"{Parameters[index].Name} is given twice (names ignore case)");
            }

            isExplicit[index] = true;
        }

        foreach (var (name, text) in values)
        {
            var index = IndexOf(name);
            typed[index] = Parameters[index].Parse(text);
        }

        for (var i = 0; i < Parameters.Count; i++)
        {
            if (!isExplicit[i])
            {
                typed[i] = Parameters[i].Default;
            }
        }

        var parameters = new StrategyParameters(this, typed, isExplicit);
        foreach (var rule in Rules)
        {
            if (rule.Check(parameters) is { } problem)
            {
                brokenRule = problem;
                return null;
            }
        }

        return parameters;
    }

    /// <summary>A new instance for one run (strategies keep per-run state, so each run needs its own).</summary>
    public IStrategy Create(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.BelongTo(this))
        {
            throw new ArgumentException($"These parameters were bound for {parameters.Strategy}, not {Name}.", nameof(parameters));
        }

        return _factory(parameters);
    }

    /// <summary><see cref="Bind"/> then <see cref="Create(StrategyParameters)"/>.</summary>
    public IStrategy Create(IReadOnlyDictionary<string, string> values) => Create(Bind(values));

    /// <summary>The schema as plain data for a user or an HTTP client.</summary>
    public StrategyDescription Describe() => new(Name, Description, Parameters, [.. Rules.Select(r => r.Description)]);

    public override string ToString() => Name;

    /// <summary>The position of <paramref name="name"/> in the schema (ignoring case), or throws
    /// <see cref="ArgumentException"/> listing the valid names.</summary>
    internal int IndexOf(string name) =>
        name is not null && _indexByName.TryGetValue(name.Trim(), out var index)
            ? index
            : throw new ArgumentException($"unknown parameter '{name}' for {Name}; valid: {_validNames}");
}
