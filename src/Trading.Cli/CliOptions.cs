using System.CommandLine;
using System.Globalization;
using Trading.Data.Synthetic;

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

    /// <summary>The largest amount of money an option takes: the paper account's limit, far below where sizing
    /// arithmetic could overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>An amount of money, 100,000 unless given: above 0 and at most <see cref="MaxAmount"/>.</summary>
    public static NumberOption<decimal> Cash(string name, string description) =>
        new(name, description, 100_000m, "above 0 and at most 1,000,000,000,000", c => c is > 0 and <= MaxAmount);

    /// <summary>How many synthetic stocks to generate (the index comes on top).</summary>
    public static NumberOption<int> SyntheticSymbols() => new(
        "--symbols",
        "Number of synthetic stocks (plus the index ^SYN).",
        50,
        $"between 1 and {SyntheticMarketOptions.MaxSymbols}",
        n => n is >= 1 and <= SyntheticMarketOptions.MaxSymbols);

    /// <summary>The synthetic market's seed: any 64-bit number.</summary>
    public static NumberOption<ulong> Seed() =>
        new("--seed", "Random seed: the same seed gives the same market, bit for bit.", 42, "from 0 to 18446744073709551615", _ => true);

    /// <summary>Lets <paramref name="option"/> take only <paramref name="choices"/> (ignoring case), refusing anything
    /// else in one line that lists them: <c>--account must be cash or margin; got 'foo'</c>.</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(option);
        var valid = choices.Length > 1 ? $"{string.Join(", ", choices[..^1])} or {choices[^1]}" : choices[0];
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (text is not null && !choices.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"{option.Name} must be {valid}; got '{text}'");
            }
        });
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>A date option, checked as the command line is parsed: a value that is not a yyyy-MM-dd date (an empty
    /// one included) is a command line that does not parse, like a number that is not one.</summary>
    public static Option<string?> Date(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description + " (yyyy-MM-dd)." };
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (text is not null && !IsDate(text))
            {
                result.AddError(NotADate(name, text));
            }
        });
        return option;
    }

    /// <summary>Parses yyyy-MM-dd into a UTC midnight, or says which option is wrong and how to write it.</summary>
    public static DateTime? ParseDate(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!TryParseDate(text, out var date))
        {
            throw new CliException(NotADate(option, text));
        }

        return date;
    }

    private static bool IsDate(string text) => TryParseDate(text, out _);

    private static bool TryParseDate(string text, out DateTime date)
    {
        var parsed = DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);
        date = DateTime.SpecifyKind(date, DateTimeKind.Utc);
        return parsed;
    }

    private static string NotADate(string option, string text) => $"{option} '{text}' is not a date; write it as yyyy-MM-dd, e.g. 2024-12-31";

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

    /// <summary>" between 2030-01-01 and the end": the range asked for, in a message; empty for no range.</summary>
    public static string RangeText(DateTime? from, DateTime? to) => (from, to) switch
    {
        (null, null) => string.Empty,
        _ => $" between {from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the start"} and {to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the end"}",
    };

    /// <summary>Refuses an input file that is not there, saying whether it is missing or a directory.</summary>
    public static void RequireFile(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file.FullName))
        {
            throw new CliException($"{file.FullName} is a directory, not a file");
        }

        if (!file.Exists)
        {
            throw new CliException($"{file.FullName}: no such file");
        }
    }

    /// <summary>The symbols in <paramref name="texts"/> (commas also separate), each once; none at all (<c>--symbols ""</c>,
    /// <c>--symbols ,</c>) is an error, not a run over nothing.</summary>
    public static Symbol[] ParseSymbols(IEnumerable<string> texts, string what = "--symbols")
    {
        var given = texts.ToList();
        Symbol[] symbols = [.. given.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(Symbol.Parse).Distinct()];
        return symbols.Length > 0
            ? symbols
            : throw new CliException($"{what} names no symbol; got '{string.Join(' ', given)}' (give tickers like AAPL,MSFT)");
    }
}
