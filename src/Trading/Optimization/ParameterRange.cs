using System.Globalization;
using Trading.Strategies;

namespace Trading.Optimization;

/// <summary>The values a search tries for one strategy parameter: <c>fast=5:50:5</c> (start, stop and step, the stop
/// included when a step lands on it) or <c>mode=a,b,c</c> (a list, of any type), each value checked against the
/// parameter's type and bounds.</summary>
public sealed record ParameterRange
{
    private ParameterRange(StrategyParameter parameter, IReadOnlyList<object> values, string text)
    {
        Parameter = parameter;
        Values = values;
        Text = text;
    }

    public StrategyParameter Parameter { get; }

    /// <summary>Typed values (as <see cref="StrategyParameter.Parse"/> gives them), in the order they are tried.</summary>
    public IReadOnlyList<object> Values { get; }

    /// <summary>As given: <c>fast=5:50:5</c>.</summary>
    public string Text { get; }

    /// <summary>Reads <c>name=start:stop:step</c> or <c>name=a,b,c</c> for a parameter of <paramref name="definition"/>.</summary>
    /// <exception cref="ArgumentException">One line naming the problem: no <c>=</c>, an unknown name (with the valid
    /// ones), a range of a boolean or text parameter, a value of the wrong type, a range reaching outside the
    /// parameter's bounds (naming them), a step that is not positive, a value listed twice, or more than
    /// <see cref="SearchSpace.MaxCombinations"/> values.</exception>
    public static ParameterRange Parse(StrategyDefinition definition, string text)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var equals = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (text is null || equals <= 0)
        {
            throw new ArgumentException($"'{text}' is not name=start:stop:step or name=a,b,c (like fast=5:50:5)");
        }

        var parameter = definition.Parameters[definition.IndexOf(text[..equals])];
        var values = text[(equals + 1)..].Trim();
        var typed = values.Contains(':', StringComparison.Ordinal) ? Steps(parameter, text, values) : List(parameter, text, values);
        return new ParameterRange(parameter, typed, text.Trim());
    }

    public override string ToString() => Text;

    private static object[] Steps(StrategyParameter parameter, string text, string values)
    {
        if (parameter.Type is not (ParameterType.Integer or ParameterType.Decimal))
        {
            throw new ArgumentException($"{text}: {parameter.Name} is a {parameter.Type.ToString().ToLowerInvariant()} parameter; list its values (a,b,c) instead of a range");
        }

        var parts = values.Split(':');
        if (parts.Length != 3)
        {
            throw new ArgumentException($"{text}: a range is start:stop:step, three numbers (like 5:50:5)");
        }

        var start = Number(parameter, text, parts[0], "start");
        var stop = Number(parameter, text, parts[1], "stop");
        var step = Number(parameter, text, parts[2], "step");
        if (step <= 0)
        {
            throw new ArgumentException($"{text}: the step must be above 0; got {parts[2].Trim()}");
        }

        if (stop < start)
        {
            throw new ArgumentException($"{text}: the stop {parts[1].Trim()} is below the start {parts[0].Trim()}");
        }

        if (start < parameter.Minimum || stop > parameter.Maximum
            || (parameter.Type == ParameterType.Integer && (start < int.MinValue || stop > int.MaxValue)))
        {
            throw new ArgumentException($"{text}: the range reaches outside {parameter.Name}'s bounds, {Bounds(parameter)}");
        }

        var count = decimal.Floor((stop - start) / step) + 1;
        if (count > SearchSpace.MaxCombinations)
        {
            throw new ArgumentException($"{text}: {count.ToString("0", CultureInfo.InvariantCulture)} values, more than a search takes ({SearchSpace.MaxText}); use a larger step");
        }

        var typed = new object[(int)count];
        for (var i = 0; i < typed.Length; i++)
        {
            var value = start + (i * step);
            typed[i] = parameter.Type == ParameterType.Integer ? (object)(int)value : value;
        }

        return typed;
    }

    private static object[] List(StrategyParameter parameter, string text, string values)
    {
        var parts = values.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > SearchSpace.MaxCombinations)
        {
            throw new ArgumentException($"{text}: {parts.Length} values, more than a search takes ({SearchSpace.MaxText})");
        }

        var typed = new object[parts.Length];
        var seen = new HashSet<object>();
        for (var i = 0; i < parts.Length; i++)
        {
            try
            {
                typed[i] = parameter.Parse(parts[i]);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{text}: {e.Message}", e);
            }

            if (!seen.Add(typed[i]))
            {
                throw new ArgumentException($"{text}: {StrategyParameter.Format(typed[i])} is listed twice");
            }
        }

        return typed;
    }

    private static decimal Number(StrategyParameter parameter, string text, string part, string what)
    {
        if (!decimal.TryParse(part.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"{text}: the {what} must be a number; got '{part.Trim()}'");
        }

        if (parameter.Type == ParameterType.Integer && value != decimal.Truncate(value))
        {
            throw new ArgumentException($"{text}: {parameter.Name} is a whole number, so the {what} must be one; got {part.Trim()}");
        }

        return value;
    }

    private static string Bounds(StrategyParameter parameter) => (parameter.Minimum, parameter.Maximum) switch
    {
        ({ } min, { } max) => $"{Format(min)} to {Format(max)}",
        ({ } min, null) => $"at least {Format(min)}",
        (null, { } max) => $"at most {Format(max)}",
        _ => "none",
    };

    private static string Format(decimal value) => StrategyParameter.Format(value);
}
