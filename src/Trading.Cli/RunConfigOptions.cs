using System.CommandLine;
using Trading.Accounting;
using Trading.Backtesting;
using Trading.Backtesting.Config;
using Trading.Strategies.Files;

namespace Trading.Cli;

/// <summary><c>trade backtest</c>'s model options and <c>--config</c>: the run config's vocabulary as flags
/// (<c>--commission per_share:0.005,minimum=1,maximum=0.01</c>, <c>--slippage volume_share:0.1</c>,
/// <c>--max-volume-participation 0.1</c>, <c>--account margin --leverage 2</c>, ...), each refused in one line as the
/// command line is parsed, and a JSON run config file under them.</summary>
internal sealed class RunConfigOptions
{
    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "Run as this JSON run config says (docs/run-config.schema.json), or as a backtest's --json output recorded it; flags given beside it win. Its relative paths are relative to its folder.",
    };

    public Option<string?> Commission { get; } = Spec("--commission", CommissionModels.Catalog, "Commission model: none, percent:RATE[,minimum=M], per_share:AMOUNT[,minimum=M][,maximum=FRACTION] (maximum caps each fill at that fraction of its value: 0.01 is 1%), fixed:AMOUNT (per order).");

    public NumberOption<decimal> CommissionRate { get; } = Number("--commission-rate", RunNumbers.CommissionRate, "Shorthand for --commission percent:RATE (0.001 is 10 bp).");

    public Option<string?> Slippage { get; } = Spec("--slippage", SlippageModels.Catalog, "Slippage model: none, bps:BPS, volume_share[:PRICE_IMPACT][,volume_share_limit=L] (zipline's; impact 0.1, limit 1 unless given).");

    public NumberOption<decimal> SlippageBps { get; } = Number("--slippage-bps", RunNumbers.SlippageBps, "Shorthand for --slippage bps:BPS.");

    public NumberOption<decimal> MaxVolumeParticipation { get; } = Number("--max-volume-participation", RunNumbers.MaxVolumeParticipation, "The largest fraction of a bar's volume one order may take on that bar (0.1 is 10%); the rest stays working. No cap unless given.");

    public Option<string> Account { get; } = new Option<string>("--account") { Description = "cash (no shorting, no borrowing) or margin.", DefaultValueFactory = _ => "cash" }.OneOf("cash", "margin");

    public NumberOption<decimal> Leverage { get; } = Number("--leverage", RunNumbers.Leverage, "Margin accounts: maximum gross exposure over equity (2 unless given).");

    public NumberOption<decimal> Cash { get; } = CliOptions.Cash("--cash", "Initial cash.");

    public NumberOption<double> RiskFree { get; } = new("--risk-free", "Annual risk-free rate for Sharpe, Sortino and alpha (0.02 is 2%).", 0, "above -1 and at most 1 (0.02 is 2%)", r => r is > -1 and <= 1);

    public Option<bool> FillOnSameBar { get; } = new("--fill-on-same-bar") { Description = "Let market and market-on-close orders fill at the close of the bar that decided them (look-ahead: off by default)." };

    public IEnumerable<Option> All => [Config, Cash, Commission, CommissionRate, Slippage, SlippageBps, MaxVolumeParticipation, Account, Leverage, RiskFree, FillOnSameBar];

    /// <summary>Adds the options, refusing as the command line is parsed a model given twice (a spec and its
    /// shorthand) and a leverage for an account said to be cash.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (Given(result, Commission) && Given(result, CommissionRate))
            {
                result.AddError("give --commission or --commission-rate (shorthand for --commission percent:RATE), not both");
            }

            if (Given(result, Slippage) && Given(result, SlippageBps))
            {
                result.AddError("give --slippage or --slippage-bps (shorthand for --slippage bps:BPS), not both");
            }

            if (Given(result, Leverage) && Given(result, Account) && !"margin".Equals(result.GetValue(Account), StringComparison.OrdinalIgnoreCase))
            {
                result.AddError("--leverage applies to a margin account; a cash account never borrows (give --account margin)");
            }
        });
    }

    /// <summary>The models and money the flags give (null where a flag is not given, so the config file's value stands).</summary>
    public RunConfig FromFlags(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new RunConfig
        {
            InitialCash = Given(parsed, Cash) ? parsed.GetValue(Cash) : null,
            Commission = Given(parsed, Commission) ? CommissionModels.Catalog.ParseSpec(parsed.GetValue(Commission), out _)
                : Given(parsed, CommissionRate) ? CommissionModels.OfRate(parsed.GetValue(CommissionRate)) : null,
            Slippage = Given(parsed, Slippage) ? SlippageModels.Catalog.ParseSpec(parsed.GetValue(Slippage), out _)
                : Given(parsed, SlippageBps) ? SlippageModels.OfBasisPoints(parsed.GetValue(SlippageBps)) : null,
            MaxVolumeParticipation = Given(parsed, MaxVolumeParticipation) ? parsed.GetValue(MaxVolumeParticipation) : null,
            FillOnSameBar = Given(parsed, FillOnSameBar) ? parsed.GetValue(FillOnSameBar) : null,
            Account = !Given(parsed, Account) ? null
                : "margin".Equals(parsed.GetValue(Account), StringComparison.OrdinalIgnoreCase) ? AccountType.Margin : AccountType.Cash,
            Leverage = Given(parsed, Leverage) ? parsed.GetValue(Leverage) : null,
            RiskFree = Given(parsed, RiskFree) ? parsed.GetValue(RiskFree) : null,
        };
    }

    /// <summary><paramref name="flags"/> over the <c>--config</c> file, if one is given; the combination checked.</summary>
    /// <exception cref="RunConfigException">The file's problems, or the combination's, one line each.</exception>
    public RunConfig Resolve(ParseResult parsed, RunConfig flags)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(flags);
        var file = parsed.GetValue(Config);
        var config = flags;
        if (file is not null)
        {
            CliOptions.RequireFile(file);
            config = flags.Over(RunConfigReader.Read(File.ReadAllText(file.FullName), file.DirectoryName ?? ".", file.Name));
        }

        var origin = file is null ? string.Empty : $"{file.Name} with the flags: ";
        var problems = config.Problems();
        return problems.Count == 0
            ? config
            : throw new RunConfigException([.. problems.Select(p => origin + p.Message)]);
    }

    /// <summary>Refuses a strategy file that is not the one a recorded run ran: its hash differs from the config's
    /// <c>strategy_sha256</c>. Refused rather than warned, since the point of a recorded config is the same run again,
    /// and a warning scrolls past while the numbers quietly differ.</summary>
    public static void RequireRecordedFile(RunConfig config, StrategySource? source)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.StrategySha256 is { } recorded && source is not null && !string.Equals(recorded, source.ContentHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{source.Path} has changed since the run was recorded (strategy_sha256 {recorded[..12]}…, the file now {source.ContentHash[..12]}…); restore it, or remove strategy_sha256 from the config to run the file as it is now");
        }
    }

    /// <summary>What the run ran, as a run config that runs it again: every model with its numbers, the strategy's
    /// name and its file's (or assembly's) path and hash, every parameter's value, the symbols a universe file named
    /// then (not the file, which may change), the csv file with the symbol its bars traded under.</summary>
    public static RunConfig Recorded(RunConfig config, ChosenStrategy strategy, BacktestResult result, string[]? symbols, Symbol? csvSymbol)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(result);
        var source = strategy.Source;
        var assembly = source is not null && source.FullPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        return config.WithDefaults() with
        {
            Strategy = strategy.Definition.Name,
            StrategyFile = source is not null && !assembly ? source.FullPath : null,
            StrategyAssembly = assembly ? source!.FullPath : null,
            StrategySha256 = source?.ContentHash,
            Parameters = result.Parameters,
            Symbols = symbols is { Length: > 0 } ? [.. CliOptions.ParseSymbols(symbols).Select(s => s.Value)] : null,
            Universe = null,
            Csv = config.Csv is { } csv ? csv with { Symbol = csvSymbol?.Value } : null,
            Parquet = config.Parquet is { } parquet ? parquet with { Symbol = csvSymbol?.Value } : null,
        };
    }

    /// <summary>The <c>--config</c> file, if given: an input no output may overwrite.</summary>
    public FileInfo? GivenConfig(ParseResult parsed) => parsed.GetValue(Config);

    /// <summary>Whether the user gave <paramref name="option"/> (not just its default).</summary>
    public static bool Given(ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

    private static bool Given(System.CommandLine.Parsing.CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static NumberOption<decimal> Number(string name, ModelNumber rule, string description) =>
        new(name, description, rule.Default ?? 0m, rule.Rule["a number ".Length..], rule.IsValid);

    /// <summary>A compact model spec option (<c>--commission per_share:0.005,minimum=1</c>), checked as it is parsed.</summary>
    private static Option<string?> Spec<TModel>(string name, CostModelCatalog<TModel> catalog, string description)
        where TModel : class
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (catalog.ParseSpec(text, out var problem) is null)
            {
                result.AddError($"{name} {problem}");
            }
        });
        option.CompletionSources.Add([.. catalog.Kinds.Select(k => k.Name)]);
        return option;
    }
}
