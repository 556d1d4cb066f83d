using System.Globalization;

namespace Trading.Backtesting.Config;

/// <summary>One number of a run's configuration with its rule (<c>per_share</c>: at least 0), written once for the
/// JSON run config, the HTTP backtest request, the command line's compact specs and the published schema.</summary>
/// <param name="Name">The snake_case name, as JSON and the command line spell it.</param>
/// <param name="Description">What the number means, for help text and the schema.</param>
public sealed record ModelNumber(string Name, string Description)
{
    /// <summary>The smallest valid value (inclusive), or null.</summary>
    public decimal? AtLeast { get; init; }

    /// <summary>A bound the value must be above (exclusive), or null.</summary>
    public decimal? Above { get; init; }

    /// <summary>The largest valid value (inclusive), or null.</summary>
    public decimal? AtMost { get; init; }

    /// <summary>A bound the value must be below (exclusive), or null.</summary>
    public decimal? Below { get; init; }

    /// <summary>A worked example for messages: "0.001 is 10 bp".</summary>
    public string? Example { get; init; }

    /// <summary>The value when none is given; null with <see cref="Optional"/> false means the number is required.</summary>
    public decimal? Default { get; init; }

    /// <summary>Whether the number may be absent (null), meaning "none" (a per-share commission without a cap).</summary>
    public bool Optional { get; init; }

    /// <summary>Whether a value must be given: no default and not optional.</summary>
    public bool Required => Default is null && !Optional;

    public bool IsValid(decimal value) =>
        (AtLeast is not { } atLeast || value >= atLeast)
        && (Above is not { } above || value > above)
        && (AtMost is not { } atMost || value <= atMost)
        && (Below is not { } below || value < below);

    /// <summary>"a number at least 0 and below 1 (0.001 is 10 bp)": what a valid value is, in words.</summary>
    public string Rule
    {
        get
        {
            var bounds = new List<string>(2);
            if (AtLeast is { } atLeast)
            {
                bounds.Add($"at least {Text(atLeast)}");
            }

            if (Above is { } above)
            {
                bounds.Add($"above {Text(above)}");
            }

            if (AtMost is { } atMost)
            {
                bounds.Add($"at most {Text(atMost)}");
            }

            if (Below is { } below)
            {
                bounds.Add($"below {Text(below)}");
            }

            var rule = bounds.Count == 0 ? "a number" : $"a number {string.Join(" and ", bounds)}";
            return Example is null ? rule : $"{rule} ({Example})";
        }
    }

    /// <summary>Null when <paramref name="value"/> is valid, else "must be a number at least 0; got -1".</summary>
    public string? Check(decimal value) => IsValid(value) ? null : $"must be {Rule}; got {Text(value)}";

    /// <summary>A number as the configuration writes it: invariant, no trailing zeros (0.0050 is 0.005).</summary>
    public static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
