using System.CommandLine;
using Spectre.Console;
using Trading.Backtesting.Config;
using Trading.Data.Csv;
using Trading.Domain;
using Trading.Optimization;
using Trading.Strategies;

namespace Trading.Cli.Commands;

/// <summary>What a search over a strategy's parameters is given, shared by <c>trade optimize</c> and
/// <c>trade walkforward</c>: the strategy, the data, the costs, the parameters to search, the method, the objective,
/// the constraints and the jobs.</summary>
internal sealed class SearchOptions
{
    private readonly StrategyChoice _strategy = new($"Strategy: {string.Join(", ", StrategyRegistry.Default.All.Select(d => d.Name))}, or one of Strategies:Paths ('trade strategies' lists them).");
    private readonly Option<FileInfo?> _csv = new("--csv") { Description = "Search over the bars of this CSV file." };
    private readonly Option<FileInfo?> _parquet = new("--parquet") { Description = "Search over the bars of this Parquet file." };
    private readonly BarFileOptions _barFile = new();
    private readonly Option<string?> _csvSymbol = new("--symbol") { Description = "The symbol of the --csv or --parquet file's bars (default: the file's name in upper case)." };
    private readonly Option<string[]> _symbols = new("--symbols") { Description = "Search over these stored symbols (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<FileInfo?> _universe = new("--universe") { Description = "Search over the stored symbols listed in this file (one per line or comma-separated; # starts a comment)." };
    private readonly Option<string?> _index = new("--index") { Description = "Market index for a regime filter, read but not traded (stored, e.g. ^GSPC; the synthetic market's is ^SYN)." };
    private readonly Option<string?> _from = CliOptions.Date("--from", "First bar");
    private readonly Option<string?> _to = CliOptions.Date("--to", "Last bar");
    private readonly Option<string> _interval = CliOptions.Interval();
    private readonly Option<string?> _benchmark = new("--benchmark") { Description = "Benchmark symbol for alpha and beta (stored; ^SYN for the synthetic market)." };
    private readonly Option<string[]> _param = new("--param")
    {
        Description = "A parameter to search, repeated for several: name=start:stop:step (stop included, like fast=5:50:5) or name=a,b,c (any type). The others keep their configured values or defaults.",
        Required = true,
    };

    private readonly Option<string> _method;
    private readonly NumberOption<int> _trials = new("--trials", "With --method random: how many combinations to draw (100 unless given); with --method halving, how many candidates to draw (every combination unless given).", 100, "at least 1", n => n >= 1);
    private readonly NumberOption<ulong> _seed = new("--seed", "With --method random (or halving with --trials): the seed that draws them; the same seed draws the same trials.", 42, "from 0 to 18446744073709551615", _ => true);
    private readonly NumberOption<int> _eta = new("--eta", "With --method halving: each rung keeps the best 1/eta of its trials and is eta times longer than the one before.", HalvingSchedule.DefaultEta, "at least 2", n => n >= 2);
    private readonly bool _halving;
    private readonly Option<string> _objective = new("--objective") { Description = $"What ranks the trials (more is better; max_drawdown, annual_volatility, beta, turnover and commissions less): {SweepMetric.Names}.", DefaultValueFactory = _ => "sharpe" };
    private readonly Option<string[]> _constraint = new("--constraint") { Description = "A bound a trial must keep to rank with those that do, repeated for several: \"max_drawdown<0.25\", \"trades>=20\" (< <= > >=)." };
    private readonly NumberOption<int> _jobs = new("--jobs", "Trials run at once (default: the number of cores).", Environment.ProcessorCount, "between 1 and 1024", n => n is >= 1 and <= 1024);
    private readonly RunConfigOptions _models = new();

    /// <param name="halving">Whether <c>--method halving</c> is offered (a walk-forward's searches are grids or samples).</param>
    public SearchOptions(bool halving = false)
    {
        _halving = halving;
        _method = halving
            ? new Option<string>("--method") { Description = "grid (every combination), random (--trials of them, drawn by --seed) or halving (successive halving over growing prefixes of the range, keeping the best 1/--eta each time).", DefaultValueFactory = _ => "grid" }.OneOf("grid", "random", "halving")
            : new Option<string>("--method") { Description = "grid (every combination) or random (--trials of them, drawn by --seed).", DefaultValueFactory = _ => "grid" }.OneOf("grid", "random");
        _objective.Validators.Add(result => OptimizeCommand.Check(result, "--objective", text => SweepMetric.Parse(text)));
        _constraint.Validators.Add(result => OptimizeCommand.Check(result, "--constraint", text => TrialConstraint.Parse(text)));
    }

    /// <summary>Adds the search's options to <paramref name="command"/>, then <paramref name="more"/> (the command's
    /// own), then the run's models.</summary>
    public void AddTo(Command command, params Option[] more)
    {
        _strategy.AddTo(command, required: true, orElse: _models.Config);
        _barFile.AddTo(command);
        Option[] options = [_csv, _parquet, _csvSymbol, _symbols, _universe, _index, _from, _to, _interval, _benchmark, _param, _method, _trials, _seed, .. (_halving ? new[] { _eta } : []), _objective, _constraint, _jobs, .. more];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        _models.AddTo(command);
        command.Validators.Add(result =>
        {
            var method = Method(result.GetValue(_method));
            var given = (Option option) => result.GetResult(option) is { Implicit: false };
            if (method == SearchMethod.Halving)
            {
                if (given(_seed) && !given(_trials))
                {
                    result.AddError("--seed draws the candidates of a halving search: give it with --trials (without, every combination is a candidate)");
                }

                return;
            }

            foreach (var option in new Option[] { _trials, _seed })
            {
                if (method != SearchMethod.Random && given(option))
                {
                    result.AddError($"{option.Name} draws a random sample: give it with --method random{(_halving ? " or halving" : string.Empty)}");
                }
            }

            if (_halving && given(_eta))
            {
                result.AddError("--eta is how much a halving search keeps of each rung: give it with --method halving");
            }
        });
    }

    /// <summary>Reads and checks everything but the data (one error line for what is wrong).</summary>
    public SearchRequest Resolve(CliContext context, ParseResult parsed)
    {
        var given = (Option option) => RunConfigOptions.Given(parsed, option);
        var config = _models.Resolve(parsed, _models.FromFlags(parsed) with
        {
            Strategy = given(_strategy.Name) ? parsed.GetValue(_strategy.Name) : null,
            StrategyFile = parsed.GetValue(_strategy.File),
            StrategyAssembly = parsed.GetValue(_strategy.Assembly),
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
        var chosenStrategy = StrategyChoice.Resolve(context, config.Strategy, config.StrategyFile, config.StrategyAssembly);
        RunConfigOptions.RequireRecordedFile(config, chosenStrategy.Source);
        var definition = chosenStrategy.Definition;
        var ranges = new List<ParameterRange>();
        foreach (var text in parsed.GetValue(_param) ?? [])
        {
            ranges.Add(OptimizeCommand.Checked("--param", () => ParameterRange.Parse(definition, text)));
        }

        var wanted = UniverseFile.Combine(config.Symbols?.ToArray(), config.Universe is { } universeFile ? new FileInfo(universeFile) : null);
        var isParquet = config.Parquet is not null;
        var dataFile = config.Csv ?? config.Parquet;
        var file = dataFile is null ? null : new FileInfo(dataFile.Path);
        if (file is not null && wanted is { Length: > 0 })
        {
            throw new CliException($"give {(isParquet ? "--parquet" : "--csv")} FILE or --symbols A,B (or --universe FILE), not both");
        }

        Symbol? named = null;
        if ((parsed.GetValue(_csvSymbol) ?? dataFile?.Symbol) is { } symbolText)
        {
            named = file is null
                ? throw new CliException("--symbol names the bars of a --csv or --parquet file; stored symbols are chosen with --symbols")
                : Symbol.TryParse(symbolText, out var parsedSymbol, out var symbolError) ? parsedSymbol : throw new CliException($"--symbol: {symbolError}");
        }

        var (start, end) = CliOptions.ParseRange(config.StartDate, config.EndDate);
        return new SearchRequest
        {
            Config = config,
            Definition = definition,
            Ranges = ranges,
            Objective = SweepMetric.Parse(parsed.GetValue(_objective)),
            Constraints = [.. (parsed.GetValue(_constraint) ?? []).Select(TrialConstraint.Parse)],
            Settings = config.ToSettings(),
            Jobs = parsed.GetValue(_jobs),
            Method = Method(parsed.GetValue(_method)),
            Trials = parsed.GetValue(_trials),
            TrialsGiven = parsed.GetResult(_trials) is { Implicit: false },
            Eta = _halving ? parsed.GetValue(_eta) : HalvingSchedule.DefaultEta,
            Seed = parsed.GetValue(_seed),
            Interval = CliOptions.ParseInterval(config.Interval ?? Interval.Daily.Code),
            Start = start,
            End = end,
            Wanted = wanted,
            File = file,
            IsParquet = isParquet,
            Named = named,
            FileFormat = dataFile?.Format ?? _barFile.Over(parsed, BarFileFormat.Default),
            Inputs = [(file, isParquet ? "the --parquet input" : "the --csv input"), (config.Universe is { } u ? new FileInfo(u) : null, "the --universe file"), (_models.GivenConfig(parsed), "the --config file")],
        };
    }

    private static SearchMethod Method(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "random" => SearchMethod.Random,
        "halving" => SearchMethod.Halving,
        _ => SearchMethod.Grid,
    };
}
