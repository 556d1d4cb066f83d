using System.Collections.ObjectModel;

namespace Trading.Strategies;

/// <summary>The parameters of one run of one strategy: every parameter of its schema with a value that has passed
/// its type, range and the strategy's rules. Immutable; only <see cref="StrategyDefinition.Bind"/> makes one.</summary>
public sealed class StrategyParameters
{
    private readonly StrategyDefinition _definition;
    private readonly object[] _values;
    private readonly bool[] _explicit;

    internal StrategyParameters(StrategyDefinition definition, object[] values, bool[] isExplicit)
    {
        _definition = definition;
        _values = values;
        _explicit = isExplicit;
        var typed = new Dictionary<string, object>(values.Length, StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            typed.Add(definition.Parameters[i].Name, values[i]);
        }

        Values = new ReadOnlyDictionary<string, object>(typed);
    }

    /// <summary>The name of the strategy these parameters belong to.</summary>
    public string Strategy => _definition.Name;

    /// <summary>Name → typed value (<see cref="int"/>, <see cref="decimal"/>, <see cref="bool"/>, <see cref="string"/>),
    /// in schema order: what an HTTP client sees, e.g. <c>{"fast": 10, "slow": 30}</c>.</summary>
    public IReadOnlyDictionary<string, object> Values { get; }

    public int GetInt(string name) => (int)Get(name, ParameterType.Integer);

    public decimal GetDecimal(string name) => (decimal)Get(name, ParameterType.Decimal);

    public bool GetBool(string name) => (bool)Get(name, ParameterType.Boolean);

    public string GetText(string name) => (string)Get(name, ParameterType.Text);

    /// <summary>True when the value was given (on the command line, in a request) rather than taken from the default;
    /// rules such as "quantity or allocation, not both" need to know.</summary>
    public bool IsExplicit(string name) => _explicit[_definition.IndexOf(name)];

    /// <summary>Name → value as text that <see cref="StrategyDefinition.Bind"/> reads back, in schema order, for
    /// reports and for rerunning with the same settings.</summary>
    public IReadOnlyDictionary<string, string> AsText()
    {
        var text = new Dictionary<string, string>(_values.Length, StringComparer.Ordinal);
        for (var i = 0; i < _values.Length; i++)
        {
            text.Add(_definition.Parameters[i].Name, StrategyParameter.Format(_values[i]));
        }

        return new ReadOnlyDictionary<string, string>(text);
    }

    /// <summary>Whether these parameters were bound by <paramref name="definition"/>.</summary>
    internal bool BelongTo(StrategyDefinition definition) => ReferenceEquals(_definition, definition);

    /// <summary><c>sma_cross(fast=10, slow=30, quantity=0, allocation=1)</c>.</summary>
    public override string ToString()
    {
        var parts = new string[_values.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            parts[i] = $"{_definition.Parameters[i].Name}={StrategyParameter.Format(_values[i])}";
        }

        return $"{Strategy}({string.Join(", ", parts)})";
    }

    private object Get(string name, ParameterType type)
    {
        var index = _definition.IndexOf(name);
        var parameter = _definition.Parameters[index];
        if (parameter.Type != type)
        {
            // A strategy reading its own parameter with the wrong getter is a bug in the strategy, not bad input.
            throw new InvalidOperationException($"{Strategy}: {name} is a {parameter.Type} parameter; it cannot be read as {type}.");
        }

        return _values[index];
    }
}
