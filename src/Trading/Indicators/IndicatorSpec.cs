using System.Globalization;
using System.Text;
using Trading.Domain;

namespace Trading.Indicators;

/// <summary>One indicator with its parameters, as written on the command line: <c>sma(20)</c>, <c>macd(12,26,9)</c>,
/// <c>bbands(20,2)</c>, <c>linreg_slope(90,log)</c>, <c>obv</c>.</summary>
/// <remarks>
/// Names are lower case (input is accepted in any case); omitted trailing parameters take their defaults.
/// <see cref="Name"/> is the canonical spelling with every parameter written out (<c>rsi</c> becomes <c>rsi(14)</c>,
/// <c>bbands(20, 2.0)</c> becomes <c>bbands(20,2)</c>); only the session VWAP is written bare, <c>vwap</c>.
/// A multi-output indicator's columns add a suffix: <c>macd(12,26,9).macd</c>, <c>.signal</c>, <c>.hist</c>.
/// </remarks>
public sealed class IndicatorSpec : IEquatable<IndicatorSpec>
{
    private readonly IndicatorDefinition _definition;
    private readonly double[] _arguments;

    private IndicatorSpec(IndicatorDefinition definition, double[] arguments, bool log)
    {
        _definition = definition;
        _arguments = arguments;
        IsLogarithmic = log;
        Name = CanonicalName(definition, arguments, log);
        Columns = definition.Outputs.Length == 0 ? [Name] : definition.Outputs.Select(o => $"{Name}.{o}").ToArray();
        Lookback = definition.Lookback(arguments, log);
    }

    /// <summary>The indicator's name alone: <c>sma</c>, <c>macd</c>, …</summary>
    public string Indicator => _definition.Name;

    /// <summary>Every parameter's value, defaults filled in.</summary>
    public IReadOnlyList<double> Arguments => _arguments;

    /// <summary>For linreg_slope and linreg_r2: the line is fitted to ln(close).</summary>
    public bool IsLogarithmic { get; }

    /// <summary>The canonical spelling: <c>bbands(20,2)</c>.</summary>
    public string Name { get; }

    /// <summary>The output column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Bars before the first valid value (TA-Lib's lookback).</summary>
    public int Lookback { get; }

    /// <summary>Every indicator and its parameters with defaults, as an error message lists them.</summary>
    public static string ValidChoices => string.Join(", ", IndicatorCatalog.All.Select(d => d.Usage));

    /// <summary>Parses a comma-separated list such as <c>sma(20),ema(20),macd(12,26,9),obv</c>; a spec repeated is kept once.</summary>
    /// <exception cref="ArgumentException">An unknown name or a bad parameter, in one line naming the valid choices.</exception>
    public static IReadOnlyList<IndicatorSpec> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var specs = new List<IndicatorSpec>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth < 0)
                {
                    throw new ArgumentException($"unbalanced ')' in indicator list '{text}'", nameof(text));
                }
            }
            else if (c == ',' && depth == 0)
            {
                var spec = ParseOne(text[start..i]);
                if (!specs.Contains(spec))
                {
                    specs.Add(spec);
                }

                start = i + 1;
            }
        }

        if (depth != 0)
        {
            throw new ArgumentException($"missing ')' in indicator list '{text}'", nameof(text));
        }

        return specs;
    }

    /// <summary>Parses one spec: <c>rsi(14)</c>.</summary>
    /// <exception cref="ArgumentException">An unknown name or a bad parameter, in one line naming the valid choices.</exception>
    public static IndicatorSpec ParseOne(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException($"empty indicator in the list; valid: {ValidChoices}", nameof(text));
        }

        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? trimmed : trimmed[..open]).Trim().ToLowerInvariant();
        var definition = IndicatorCatalog.Find(name)
            ?? throw new ArgumentException($"unknown indicator '{name}'; valid: {ValidChoices}", nameof(text));

        string[] tokens = [];
        if (open >= 0)
        {
            if (!trimmed.EndsWith(')'))
            {
                throw new ArgumentException($"'{trimmed}' must end with ')'; use {definition.Usage}", nameof(text));
            }

            var inside = trimmed[(open + 1)..^1].Trim();
            tokens = inside.Length == 0 ? [] : inside.Split(',', StringSplitOptions.TrimEntries);
        }

        var log = false;
        var values = new List<string>();
        foreach (var token in tokens)
        {
            if (definition.AcceptsLogFlag && string.Equals(token, "log", StringComparison.OrdinalIgnoreCase))
            {
                log = true;
            }
            else
            {
                values.Add(token);
            }
        }

        if (values.Count > definition.Parameters.Length)
        {
            throw new ArgumentException(
                $"'{trimmed}' has {values.Count} parameter(s) but {name} takes at most {definition.Parameters.Length}; use {definition.Usage}",
                nameof(text));
        }

        var arguments = new double[definition.Parameters.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = definition.Parameters[i];
            if (i >= values.Count)
            {
                arguments[i] = parameter.Default;
                continue;
            }

            if (!double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !(value >= parameter.Min && value <= parameter.Max)
                || (parameter.IsInteger && value != Math.Floor(value)))
            {
                var kind = parameter.IsInteger ? "an integer" : "a number";
                throw new ArgumentException(
                    $"bad {parameter.Name} '{values[i]}' in '{trimmed}': it must be {kind} from {Format(parameter.Min)} to {Format(parameter.Max)}; use {definition.Usage}",
                    nameof(text));
            }

            arguments[i] = value;
        }

        try
        {
            return new IndicatorSpec(definition, arguments, log);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // Constraints between parameters (MACD's fast period under its slow one) are the indicator's to state.
            var reason = e.Message.Split('\n')[0];
            throw new ArgumentException($"bad parameters in '{trimmed}': {reason} Use {definition.Usage}", nameof(text), e);
        }
    }

    /// <summary>Computes every output column over the bars, NaN before the first valid value.</summary>
    public IReadOnlyList<double[]> Compute(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return _definition.Compute(bars, _arguments, IsLogarithmic);
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string CanonicalName(IndicatorDefinition definition, double[] arguments, bool log)
    {
        var shown = arguments.Length;
        if (definition.NameOmitsDefaults)
        {
            while (shown > 0 && arguments[shown - 1] == definition.Parameters[shown - 1].Default)
            {
                shown--;
            }
        }

        if (shown == 0 && !log)
        {
            return definition.Name;
        }

        var name = new StringBuilder(definition.Name).Append('(');
        for (var i = 0; i < shown; i++)
        {
            name.Append(i > 0 ? "," : string.Empty).Append(Format(arguments[i]));
        }

        if (log)
        {
            name.Append(shown > 0 ? ",log" : "log");
        }

        return name.Append(')').ToString();
    }

    public bool Equals(IndicatorSpec? other) => other is not null && Name == other.Name;

    public override bool Equals(object? obj) => Equals(obj as IndicatorSpec);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;
}
