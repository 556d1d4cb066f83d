using System.CommandLine;
using Trading.Backtesting.Config;
using Trading.Data.Csv;
using Trading.Domain;
using Trading.Strategies;

namespace Trading.Cli.Commands;

/// <summary>The strategy and the data a run reads, as flags over a <c>--config</c> file: one set of options and one
/// reading of them for <c>trade backtest</c>, <c>optimize</c> and <c>walkforward</c>.</summary>
internal sealed class RunSourceOptions
{
    private readonly StrategyChoice _strategy = new($"Strategy: {string.Join(", ", StrategyRegistry.Default.All.Select(d => d.Name))}, or one of Strategies:Paths ('trade strategies' lists them).");
    private readonly Option<FileInfo?> _csv;
    private readonly Option<FileInfo?> _parquet;
    private readonly BarFileOptions _barFile = new();
    private readonly Option<string?> _csvSymbol = new("--symbol") { Description = "The symbol of the --csv or --parquet file's bars (default: the file's name in upper case, nvda.csv is NVDA)." };
    private readonly Option<string[]> _symbols;
    private readonly Option<FileInfo?> _universe;
    private readonly Option<string?> _index = new("--index") { Description = "Market index for a regime filter, read but not traded (stored, e.g. ^GSPC; the synthetic market's is ^SYN). Also the benchmark unless --benchmark is given." };
    private readonly Option<string?> _from = CliOptions.Date("--from", "First bar");
    private readonly Option<string?> _to = CliOptions.Date("--to", "Last bar");
    private readonly Option<string> _interval = CliOptions.Interval();
    private readonly Option<string?> _benchmark = new("--benchmark") { Description = "Benchmark symbol for alpha and beta (stored; ^SYN for the synthetic market)." };

    /// <param name="verb">What the command does over the data, for the options' help: "Backtest", "Search".</param>
    public RunSourceOptions(string verb)
    {
        _csv = new("--csv") { Description = $"{verb} over the bars of this CSV file." };
        _parquet = new("--parquet") { Description = $"{verb} over the bars of this Parquet file." };
        _symbols = new("--symbols") { Description = $"{verb} over these stored symbols (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
        _universe = new("--universe") { Description = $"{verb} over the stored symbols listed in this file (one per line or comma-separated; # starts a comment)." };
    }

    /// <summary>The costs, the account and the <c>--config</c> file.</summary>
    public RunConfigOptions Models { get; } = new();

    /// <summary>Adds the strategy and data options; the caller adds its own, then <see cref="Models"/>.</summary>
    public void AddTo(Command command)
    {
        _strategy.AddTo(command, required: true, orElse: Models.Config);
        _barFile.AddTo(command);
        foreach (var option in new Option[] { _csv, _parquet, _csvSymbol, _symbols, _universe, _index, _from, _to, _interval, _benchmark })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The run's config: the flags over a <c>--config</c> file's, <paramref name="parameters"/> (the
    /// command's own <c>--set</c>, when it has one) included; how to read a file (<c>--columns</c>,
    /// <c>--date-format</c>, <c>--time-zone</c>) given beside a config's file goes over that file's own.</summary>
    public RunConfig Config(ParseResult parsed, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var given = (Option option) => RunConfigOptions.Given(parsed, option);
        var config = Models.Resolve(parsed, Models.FromFlags(parsed) with
        {
            Strategy = given(_strategy.Name) ? parsed.GetValue(_strategy.Name) : null,
            StrategyFile = parsed.GetValue(_strategy.File),
            StrategyAssembly = parsed.GetValue(_strategy.Assembly),
            Parameters = parameters,
            Symbols = parsed.GetValue(_symbols) is { Length: > 0 } symbolList ? symbolList : null,
            Universe = parsed.GetValue(_universe)?.FullName,
            Csv = parsed.GetValue(_csv) is { } csvFile ? new DataFile(csvFile.FullName) { Format = _barFile.Over(parsed, BarFileFormat.Default) } : null,
            Parquet = parsed.GetValue(_parquet) is { } parquetFile ? new DataFile(parquetFile.FullName) { Format = _barFile.Over(parsed, BarFileFormat.Default) } : null,
            StartDate = parsed.GetValue(_from),
            EndDate = parsed.GetValue(_to),
            Interval = given(_interval) ? parsed.GetValue(_interval) : null,
            Index = parsed.GetValue(_index),
            Benchmark = parsed.GetValue(_benchmark),
        });
        return config with
        {
            Csv = config.Csv is { } configCsv && parsed.GetValue(_csv) is null ? configCsv with { Format = _barFile.Over(parsed, configCsv.Format) } : config.Csv,
            Parquet = config.Parquet is { } configParquet && parsed.GetValue(_parquet) is null ? configParquet with { Format = _barFile.Over(parsed, configParquet.Format) } : config.Parquet,
        };
    }

    /// <summary>The strategy, the data and the range <paramref name="config"/> names, checked (one error line for
    /// what is wrong) before any data is read.</summary>
    public RunSource Resolve(CliContext context, ParseResult parsed, RunConfig config)
    {
        var chosen = StrategyChoice.Resolve(context, config.Strategy, config.StrategyFile, config.StrategyAssembly);
        RunConfigOptions.RequireRecordedFile(config, chosen.Source);
        var wanted = UniverseFile.Combine(config.Symbols?.ToArray(), config.Universe is { } universeFile ? new FileInfo(universeFile) : null);
        var isParquet = config.Parquet is not null;
        var dataFile = config.Csv ?? config.Parquet;
        var file = dataFile is null ? null : new FileInfo(dataFile.Path);
        if (file is not null && wanted is { Length: > 0 })
        {
            throw new CliException($"give {(isParquet ? "--parquet" : "--csv")} FILE or --symbols A,B (or --universe FILE), not both");
        }

        var fileFormat = dataFile?.Format ?? _barFile.Over(parsed, BarFileFormat.Default);
        Symbol? named = null;
        if ((parsed.GetValue(_csvSymbol) ?? dataFile?.Symbol) is { } text)
        {
            named = file is null
                ? throw new CliException("--symbol names the bars of a --csv or --parquet file; stored symbols are chosen with --symbols")
                : fileFormat.Columns.Symbol is { } column ? throw new CliException($"--symbol names every bar's symbol, but --columns symbol={column} reads each row's: give one or the other")
                : Symbol.TryParse(text, out var parsedSymbol, out var symbolError) ? parsedSymbol : throw new CliException($"--symbol: {symbolError}");
        }

        if (file is null && fileFormat != BarFileFormat.Default)
        {
            throw new CliException("--columns, --date-format and --time-zone say how to read a --csv or --parquet file; give one");
        }

        var (start, end) = CliOptions.ParseRange(config.StartDate, config.EndDate);
        return new RunSource(
            chosen,
            CliOptions.ParseInterval(config.Interval ?? Interval.Daily.Code),
            start,
            end,
            wanted,
            file,
            isParquet,
            named,
            fileFormat,
            [(file, isParquet ? "the --parquet input" : "the --csv input"), (config.Universe is { } u ? new FileInfo(u) : null, "the --universe file"), (Models.GivenConfig(parsed), "the --config file")]);
    }
}

/// <summary>What a run reads, checked: the strategy, the bars' interval and range, and either stored symbols
/// (<see cref="Wanted"/>), a file, or neither (the synthetic market).</summary>
/// <param name="Inputs">The files read, which no output may overwrite.</param>
internal sealed record RunSource(
    ChosenStrategy Strategy,
    Interval Interval,
    DateTime? Start,
    DateTime? End,
    string[]? Wanted,
    FileInfo? File,
    bool IsParquet,
    Symbol? Named,
    BarFileFormat FileFormat,
    (FileSystemInfo? File, string What)[] Inputs);
