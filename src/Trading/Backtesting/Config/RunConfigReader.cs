using System.Globalization;
using System.Text.Json;
using Trading.Accounting;

namespace Trading.Backtesting.Config;

/// <summary>Reads a run config from JSON: a run config file, or a backtest's own <c>--json</c> result (whose
/// <c>config</c> section is the run's effective config), refusing unknown properties, wrong types and values out of
/// range, each as one line naming its JSON path.</summary>
public static partial class RunConfigReader
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private delegate RunConfig Property(RunConfig config, JsonElement value, string path, Context context);

    private static readonly Dictionary<string, Property> Readers = new(StringComparer.Ordinal)
    {
        ["$schema"] = (c, v, p, x) => c,
        ["strategy"] = (c, v, p, x) => c with { Strategy = x.Text(v, p) },
        ["strategy_file"] = (c, v, p, x) => c with { StrategyFile = x.FilePath(v, p) },
        ["strategy_sha256"] = (c, v, p, x) => c with { StrategySha256 = x.Sha256(v, p) },
        ["strategy_assembly"] = (c, v, p, x) => c with { StrategyAssembly = x.FilePath(v, p) },
        ["parameters"] = (c, v, p, x) => c with { Parameters = x.Parameters(v, p) },
        ["symbols"] = (c, v, p, x) => c with { Symbols = x.Symbols(v, p) },
        ["universe"] = (c, v, p, x) => c with { Universe = x.FilePath(v, p) },
        ["csv"] = (c, v, p, x) => c with { Csv = x.DataFile(v, p, "CSV", "nvda.csv") },
        ["parquet"] = (c, v, p, x) => c with { Parquet = x.DataFile(v, p, "Parquet", "bars.parquet") },
        ["start_date"] = (c, v, p, x) => c with { StartDate = x.Date(v, p) },
        ["end_date"] = (c, v, p, x) => c with { EndDate = x.Date(v, p) },
        ["interval"] = (c, v, p, x) => c with { Interval = x.Interval(v, p) },
        ["index"] = (c, v, p, x) => c with { Index = x.Symbol(v, p) },
        ["benchmark"] = (c, v, p, x) => c with { Benchmark = x.Symbol(v, p) },
        ["initial_cash"] = (c, v, p, x) => c with { InitialCash = x.Number(v, p, RunNumbers.InitialCash) },
        ["commission"] = (c, v, p, x) => c with { Commission = CommissionModels.Catalog.Read(v, p, x.Problems) ?? c.Commission },
        ["commission_rate"] = (c, v, p, x) => x.Number(v, p, RunNumbers.CommissionRate) is { } rate ? c with { Commission = CommissionModels.OfRate(rate) } : c,
        ["slippage"] = (c, v, p, x) => c with { Slippage = SlippageModels.Catalog.Read(v, p, x.Problems) ?? c.Slippage },
        ["slippage_bps"] = (c, v, p, x) => x.Number(v, p, RunNumbers.SlippageBps) is { } bps ? c with { Slippage = SlippageModels.OfBasisPoints(bps) } : c,
        ["max_volume_participation"] = (c, v, p, x) => c with { MaxVolumeParticipation = x.Number(v, p, RunNumbers.MaxVolumeParticipation) },
        ["fill_on_same_bar"] = (c, v, p, x) => c with { FillOnSameBar = x.Boolean(v, p) },
        ["account"] = (c, v, p, x) => c with { Account = x.Account(v, p) },
        ["leverage"] = (c, v, p, x) => c with { Leverage = x.Number(v, p, RunNumbers.Leverage) },
        ["risk_free"] = (c, v, p, x) => c with { RiskFree = (double?)x.Number(v, p, RunNumbers.RiskFree) },
    };

    /// <summary>Every top-level property a run config may have, as the published schema must list them.</summary>
    public static IReadOnlyCollection<string> PropertyNames => Readers.Keys;

    /// <summary>The properties of a <c>csv</c> or <c>parquet</c> object.</summary>
    public static IReadOnlyList<string> DataFilePropertyNames { get; } = ["path", "symbol", "columns", "date_format", "time_zone"];

    /// <summary>Reads <paramref name="json"/>; relative paths in it are resolved against <paramref name="folder"/>
    /// (the config file's).</summary>
    /// <param name="origin">How messages name the source: <c>run.json</c>.</param>
    /// <exception cref="RunConfigException">One line per problem, each starting with <paramref name="origin"/>.</exception>
    public static RunConfig Read(string json, string folder, string origin)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Lenient);
        }
        catch (JsonException e)
        {
            throw new RunConfigException([$"{origin}: not valid JSON: {e.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            var config = Read(document.RootElement, folder, problems);
            return problems.Count == 0 ? config : throw new RunConfigException([.. problems.Select(p => $"{origin}: {p}")]);
        }
    }

    /// <summary>Reads a config object (or a backtest result's <c>config</c> section), adding a line per problem to
    /// <paramref name="problems"/>; combinations are checked too (<see cref="RunConfig.Problems"/>).</summary>
    public static RunConfig Read(JsonElement root, string folder, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var prefix = string.Empty;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("config", out var section) && root.TryGetProperty("metrics", out _))
        {
            // A backtest's --json output: its config section is what ran.
            root = section;
            prefix = "config.";
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{(prefix.Length == 0 ? "the config" : "config")} must be a JSON object (a run config, or a backtest's --json output); got a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            return new RunConfig();
        }

        var context = new Context(folder, problems);
        var config = new RunConfig();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var path = prefix + property.Name;
            if (!seen.Add(property.Name))
            {
                problems.Add($"{path} is given twice");
            }
            else if (Readers.TryGetValue(property.Name, out var read))
            {
                config = read(config, property.Value, path, context);
            }
            else
            {
                problems.Add($"{path} is not a run config property; valid: {string.Join(", ", Readers.Keys.Where(k => k != "$schema"))}");
            }
        }

        if (root.TryGetProperty("commission", out var c) && c.ValueKind != JsonValueKind.Null && root.TryGetProperty("commission_rate", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            problems.Add($"{prefix}commission_rate is a shorthand for a percent commission; give commission or commission_rate, not both");
        }

        if (root.TryGetProperty("slippage", out var s) && s.ValueKind != JsonValueKind.Null && root.TryGetProperty("slippage_bps", out var b) && b.ValueKind != JsonValueKind.Null)
        {
            problems.Add($"{prefix}slippage_bps is a shorthand for bps slippage; give slippage or slippage_bps, not both");
        }

        if (config.StartDate is { } start && config.EndDate is { } end && string.CompareOrdinal(end, start) < 0)
        {
            problems.Add($"{prefix}end_date {end} is before start_date {start}");
        }

        foreach (var (field, message) in config.Problems())
        {
            problems.Add($"{prefix}{field}: {message}");
        }

        return config;
    }

    /// <summary>The folder paths are relative to and the problems found so far, shared by the property readers.</summary>
    private sealed partial class Context(string folder, ICollection<string> problems)
    {
        public ICollection<string> Problems { get; } = problems;

        public string? Text(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Problems.Add($"{path} must be a non-empty string; got {JsonShown.Of(value)}");
                return null;
            }

            return value.GetString()!.Trim();
        }

        public string? FilePath(JsonElement value, string path) =>
            Text(value, path) is { } text ? System.IO.Path.GetFullPath(text, folder) : null;

        public string? Sha256(JsonElement value, string path)
        {
            var text = Text(value, path);
            if (text is not null && (text.Length != 64 || !text.All(char.IsAsciiHexDigit)))
            {
                Problems.Add($"{path} must be a SHA-256 in hex (64 digits); got '{text}'");
                return null;
            }

            return text?.ToLowerInvariant();
        }

        public string? Date(JsonElement value, string path)
        {
            var text = Text(value, path);
            if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Problems.Add($"{path} must be a date written yyyy-MM-dd, e.g. 2024-12-31; got '{text}'");
                return null;
            }

            return text;
        }

        public string? Interval(JsonElement value, string path)
        {
            var text = Text(value, path);
            if (text is not null && !Domain.Interval.TryParse(text, out _))
            {
                Problems.Add($"{path} must be one of {string.Join(", ", Domain.Interval.All.Select(i => i.Code))}; got '{text}'");
                return null;
            }

            return text;
        }

        public string? Symbol(JsonElement value, string path)
        {
            if (Text(value, path) is not { } text)
            {
                return null;
            }

            if (!Domain.Symbol.TryParse(text, out var symbol, out var error))
            {
                Problems.Add($"{path}: {error}");
                return null;
            }

            return symbol.Value;
        }

        public IReadOnlyList<string>? Symbols(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            {
                Problems.Add($"{path} must be a non-empty array of symbols such as [\"AAPL\", \"MSFT\"]; got {(value.ValueKind == JsonValueKind.Array ? "[]" : JsonShown.Of(value))}");
                return null;
            }

            var symbols = new List<string>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (Symbol(item, $"{path}[{index++}]") is { } symbol && !symbols.Contains(symbol))
                {
                    symbols.Add(symbol);
                }
            }

            return symbols;
        }

        public decimal? Number(JsonElement value, string path, ModelNumber rule)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || rule.Check(number) is not null)
            {
                Problems.Add($"{path} must be {rule.Rule}; got {JsonShown.Of(value)}");
                return null;
            }

            return number;
        }

        public bool? Boolean(JsonElement value, string path)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.True or JsonValueKind.False:
                    return value.GetBoolean();
                default:
                    Problems.Add($"{path} must be true or false; got {JsonShown.Of(value)}");
                    return null;
            }
        }

        public AccountType? Account(JsonElement value, string path)
        {
            var text = Text(value, path);
            switch (text?.ToLowerInvariant())
            {
                case null:
                    return null;
                case "cash":
                    return AccountType.Cash;
                case "margin":
                    return AccountType.Margin;
                default:
                    Problems.Add($"{path} must be cash or margin; got '{text}'");
                    return null;
            }
        }

        public IReadOnlyDictionary<string, object>? Parameters(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                Problems.Add($"{path} must be an object of name to value, such as {{\"fast\": 10, \"slow\": 30}}; got {JsonShown.Of(value)}");
                return null;
            }

            var parameters = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in value.EnumerateObject())
            {
                object? parameter = property.Value.ValueKind switch
                {
                    JsonValueKind.Number => property.Value.TryGetDecimal(out var d) ? d : property.Value.GetRawText(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String => property.Value.GetString(),
                    _ => null,
                };
                if (parameter is null)
                {
                    Problems.Add($"{path}.{property.Name} must be a number, true or false, or text; got {JsonShown.Of(property.Value)}");
                }
                else if (!parameters.TryAdd(property.Name, parameter))
                {
                    Problems.Add($"{path}.{property.Name} is given twice (names ignore case)");
                }
            }

            return parameters;
        }
    }
}
