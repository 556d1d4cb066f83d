using System.Globalization;

namespace Trading.Strategies;

/// <summary>One tunable input of a strategy: its snake_case name, type, default, optional inclusive bounds (numbers
/// only) and what it does.</summary>
/// <remarks><see cref="Default"/> holds the typed value (<see cref="int"/>, <see cref="decimal"/>, <see cref="bool"/>
/// or <see cref="string"/> by <see cref="Type"/>) so that a serialiser writes 10 and 0.5, not "10" and "0.5".</remarks>
public sealed record StrategyParameter
{
    public StrategyParameter(string name, ParameterType type, object @default, decimal? minimum, decimal? maximum, string description)
    {
        if (!IsSnakeCase(name))
        {
            throw new ArgumentException($"A parameter name is snake_case (lower-case letters, digits, single underscores, like lookback_period); got '{name}'.", nameof(name));
        }

        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, $"{name}: not a parameter type.");
        }

        if (type is ParameterType.Boolean or ParameterType.Text && (minimum is not null || maximum is not null))
        {
            throw new ArgumentException($"{name}: only numbers have bounds; a {type} parameter has none.");
        }

        if (minimum > maximum)
        {
            throw new ArgumentException($"{name}: minimum {minimum} is above maximum {maximum}.");
        }

        Name = name;
        Type = type;
        Minimum = minimum;
        Maximum = maximum;
        Description = description ?? string.Empty;
        Default = @default;

        // A default of the wrong type or out of range would break every run that leaves it alone: refuse it here.
        if (KindOf(@default) != type)
        {
            throw new ArgumentException($"{name}: the default {@default} is not a {type} value.", nameof(@default));
        }

        if (RangeProblem(@default) is { } problem)
        {
            throw new ArgumentException($"{name}: the default is invalid: {problem}.", nameof(@default));
        }
    }

    public string Name { get; }

    public ParameterType Type { get; }

    /// <summary>The value a run uses when the parameter is not set.</summary>
    public object Default { get; }

    /// <summary>The smallest valid value, inclusive (numbers only).</summary>
    public decimal? Minimum { get; }

    /// <summary>The largest valid value, inclusive (numbers only).</summary>
    public decimal? Maximum { get; }

    public string Description { get; }

    public static StrategyParameter Integer(string name, int @default, int? minimum, int? maximum, string description) =>
        new(name, ParameterType.Integer, @default, minimum, maximum, description);

    public static StrategyParameter Decimal(string name, decimal @default, decimal? minimum, decimal? maximum, string description) =>
        new(name, ParameterType.Decimal, @default, minimum, maximum, description);

    public static StrategyParameter Boolean(string name, bool @default, string description) =>
        new(name, ParameterType.Boolean, @default, null, null, description);

    public static StrategyParameter Text(string name, string @default, string description) =>
        new(name, ParameterType.Text, @default, null, null, description);

    /// <summary>The typed value of <paramref name="text"/> (as typed on a command line), or throws
    /// <see cref="ArgumentException"/> with a one-line message naming this parameter and the rule it breaks.</summary>
    public object Parse(string? text)
    {
        var value = ParseType(text ?? string.Empty);
        if (RangeProblem(value) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        return value;
    }

    /// <summary>Writes a value the way <see cref="Parse"/> reads it back (invariant culture, no trailing zeros).</summary>
    public static string Format(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal d => FormatNumber(d),
        bool b => b ? "true" : "false",
        string s => s,
        _ => throw new ArgumentException($"{value} ({value.GetType().Name}) is not a parameter value."),
    };

    /// <summary>True for a snake_case name (lower-case letters, digits, single underscores; a letter first), the form
    /// of strategy and parameter names.</summary>
    public static bool IsSnakeCase(string? name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetterLower(name[0]) || name[^1] == '_')
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            var valid = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || (c == '_' && name[i - 1] != '_');
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }

    private object ParseType(string text)
    {
        var trimmed = text.Trim();
        switch (Type)
        {
            case ParameterType.Integer:
                // Parsed as a decimal first so that 10.0 is accepted as 10, 10.5 is named as not whole, and a whole
                // number too large for an int is reported against the range rather than as "not a number".
                if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var whole)
                    || whole != decimal.Truncate(whole))
                {
                    throw new ArgumentException($"{Name} must be a whole number; got '{text}'");
                }

                if (whole is < int.MinValue or > int.MaxValue)
                {
                    throw new ArgumentException(RangeMessage(FormatNumber(whole)));
                }

                return (int)whole;

            case ParameterType.Decimal:
                if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
                {
                    throw new ArgumentException($"{Name} must be a number; got '{text}'");
                }

                return number;

            case ParameterType.Boolean:
                if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("yes", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("no", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                throw new ArgumentException($"{Name} must be true or false; got '{text}'");

            default:
                return text;
        }
    }

    private string? RangeProblem(object value)
    {
        decimal number;
        switch (value)
        {
            case int i:
                number = i;
                break;
            case decimal d:
                number = d;
                break;
            default:
                return null;
        }

        return number < Minimum || number > Maximum ? RangeMessage(FormatNumber(number)) : null;
    }

    private string RangeMessage(string got) => (Minimum, Maximum) switch
    {
        ({ } min, { } max) => $"{Name} must be between {FormatNumber(min)} and {FormatNumber(max)}; got {got}",
        ({ } min, null) => $"{Name} must be at least {FormatNumber(min)}; got {got}",
        (null, { } max) => $"{Name} must be at most {FormatNumber(max)}; got {got}",
        _ => $"{Name} must be between {int.MinValue} and {int.MaxValue}; got {got}",
    };

    private static string FormatNumber(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static ParameterType? KindOf(object? value) => value switch
    {
        int => ParameterType.Integer,
        decimal => ParameterType.Decimal,
        bool => ParameterType.Boolean,
        string => ParameterType.Text,
        _ => null,
    };
}
