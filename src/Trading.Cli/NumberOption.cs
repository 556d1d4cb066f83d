using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace Trading.Cli;

/// <summary>A numeric option with its rule in words, so that a value that is not a number and one out of range are
/// refused in the same sentence, naming the option: <c>--commission-rate must be a number at least 0 and below 1
/// (0.001 is 10 bp); got 10</c>, not .NET's "Cannot parse argument ... as expected type 'System.Decimal'" or "Actual
/// value was 10".</summary>
/// <remarks>Read in the invariant culture (a decimal point, never a comma). Either refusal is a command line that
/// does not parse (exit code 2), reported before the command reads anything.</remarks>
internal sealed class NumberOption<T> : Option<T>
    where T : struct, INumber<T>
{
    public NumberOption(string name, string description, T @default, string rule, Func<T, bool> valid)
        : base(name)
    {
        Rule = $"{Kind} {rule}".TrimEnd();
        Description = description;
        DefaultValueFactory = _ => @default;
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            var parsed = T.TryParse(text, IsWhole ? NumberStyles.Integer : NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
            if (parsed && valid(value))
            {
                return value;
            }

            result.AddError(parsed ? $"{name} must be {Rule}; got {text}" : $"{name} must be {Rule}; got '{text}'");
            return @default;
        };
    }

    /// <summary>"a number at least 0 and below 1 (0.001 is 10 bp)": what a valid value is.</summary>
    public string Rule { get; }

    private static bool IsWhole => typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(ulong);

    private static string Kind => IsWhole ? "a whole number" : "a number";
}
