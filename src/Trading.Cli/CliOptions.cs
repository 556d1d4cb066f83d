using System.CommandLine;
using System.Globalization;

namespace Trading.Cli;

/// <summary>Options several commands share, with one parsing rule each, so they read and fail the same way everywhere.</summary>
internal static class CliOptions
{
    public static Option<string> Interval() => new("--interval")
    {
        Description = $"Bar interval: {string.Join(", ", Domain.Interval.All.Select(i => i.Code))}.",
        DefaultValueFactory = _ => Domain.Interval.Daily.Code,
    };

    public static Domain.Interval ParseInterval(string? code) => Domain.Interval.Parse(code);

    public static Option<string?> Date(string name, string description) => new(name) { Description = description + " (yyyy-MM-dd)." };

    /// <summary>Parses yyyy-MM-dd into a UTC midnight, or says which option is wrong and how to write it.</summary>
    public static DateTime? ParseDate(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            throw new CliException($"{option} '{text}' is not a date; write it as yyyy-MM-dd, e.g. 2024-12-31");
        }

        return DateTime.SpecifyKind(date, DateTimeKind.Utc);
    }

    /// <summary>Both ends of a range, refusing one that ends before it starts.</summary>
    public static (DateTime? From, DateTime? To) ParseRange(string? from, string? to)
    {
        var start = ParseDate(from, "--from");
        var end = ParseDate(to, "--to");
        if (start is { } s && end is { } e && e < s)
        {
            throw new CliException($"--to {to} is before --from {from}");
        }

        return (start, end);
    }

    public static Symbol[] ParseSymbols(IEnumerable<string> texts) =>
        [.. texts.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(Symbol.Parse).Distinct()];
}
