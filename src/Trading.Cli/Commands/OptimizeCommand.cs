using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Trading.Backtesting.Config;
using Trading.Data.Csv;
using Trading.Domain;
using Trading.Optimization;
using Trading.Strategies;

namespace Trading.Cli.Commands;

/// <summary><c>trade optimize --strategy sma_cross --param fast=5:50:5 --param slow=20:200:10 [--method grid|random]
/// [--objective sharpe] [--constraint "max_drawdown&lt;0.25"] [--jobs N] ...</c>: a backtest for each combination, on
/// every core, over data loaded once; a table of the best.</summary>
internal static class OptimizeCommand
{
    /// <summary>The exit code of a search stopped by Ctrl-C (128 + SIGINT, as shells report it), after its finished
    /// trials are shown and written.</summary>
    public const int Interrupted = 130;

    public static Command Create(CliContext context)
    {
        var search = new SearchOptions();
        var top = new NumberOption<int>("--top", "Rows of the table (the best trials).", 10, "at least 1", n => n >= 1);
        var json = new Option<FileInfo?>("--json") { Description = "Write every trial (parameters, objective, constraints met, all metrics) and the search's counts as JSON." };
        var resultsCsv = new Option<FileInfo?>("--results-csv") { Description = "Write every trial as a CSV row, best first (--csv names input bars)." };
        var page = new Option<FileInfo?>("--report") { Description = "Write a self-contained HTML report: the overfitting statistics explained, a heatmap of the objective over the first two --param, its distribution, the best trials' equity curves." };
        var command = new Command("optimize", "Search a strategy's parameters: a backtest per combination, in parallel, ranked by an objective. Without --csv or --symbols it searches over the synthetic market.");
        search.AddTo(command, top, json, resultsCsv, page);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = search.Resolve(context, parsed);
            var jsonOutput = parsed.GetValue(json) is { } jsonFile ? context.OutputFile(parsed, "--json", jsonFile, request.Inputs) : null;
            var csvOutput = parsed.GetValue(resultsCsv) is { } csvResults
                ? context.OutputFile(parsed, "--results-csv", csvResults, [.. request.Inputs, (jsonOutput is null ? null : new FileInfo(jsonOutput.FullName), "the --json file")])
                : null;
            var pageOutput = parsed.GetValue(page) is { } pageFile ? context.OutputFile(parsed, "--report", pageFile, request.Inputs) : null;
            var (space, plan, input) = await request.LoadAsync(context, parsed, cancellationToken).ConfigureAwait(false);
            context.Console.WriteLine(Plan(request.Definition, space, plan, request.Jobs));
            var trial = new BacktestTrial(request.Definition, input, request.Settings);
            var result = await RunWithProgress(context, space, plan, trial, request.Jobs, request.Objective, cancellationToken).ConfigureAwait(false);
            var report = new SweepReport(space, result, request.Objective, request.Constraints);
            Write(context.Console, report, parsed.GetValue(top));

            // Finished trials are written after Ctrl-C too: they are what the search has to show for its time.
            if (jsonOutput is not null)
            {
                jsonOutput.Write(report.WriteJson, CancellationToken.None);
                context.Output.WriteLine($"wrote {jsonOutput}");
            }

            if (csvOutput is not null)
            {
                csvOutput.WriteText(report.WriteCsv, CancellationToken.None);
                context.Output.WriteLine($"wrote {csvOutput}");
            }

            if (pageOutput is not null)
            {
                // A search keeps metrics, not curves: the few best trials run again for the page.
                var best = report.Ranked.Take(3)
                    .Select(r => (r.Trial, trial.Curve(space.TryBind(r.Trial.GridIndex, out _)!)))
                    .ToList();
                pageOutput.WriteText(writer => SweepHtmlReport.Write(report, best, writer), CancellationToken.None);
                context.Output.WriteLine($"wrote {pageOutput}");
            }

            if (result.Cancelled)
            {
                context.Error.WriteLine($"stopped: {result.Trials.Count} of {plan.Trials.Count} trials finished before the search was cancelled; they are shown{(jsonOutput is null && csvOutput is null ? string.Empty : " and written")} above");
                return Interrupted;
            }

            return 0;
        });
        return command;
    }

    internal static string Plan(StrategyDefinition definition, SearchSpace space, SearchPlan plan, int jobs)
    {
        var skipped = plan.SkippedByRules == 0 ? string.Empty : $", {plan.SkippedByRules:N0} skipped by its rules";
        var drawn = plan.Method == SearchMethod.Random ? $", {plan.Trials.Count:N0} drawn at random (seed {plan.Seed})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{definition.Name}: {string.Join(" ", space.Ranges.Select(r => r.Text))}: {space.Size:N0} combinations{skipped}{drawn}; {plan.Trials.Count:N0} trials on {jobs} {(jobs == 1 ? "job" : "jobs")}");
    }

    /// <summary>Runs the search; a progress bar (trials done, best so far, time left) appears only if it takes more
    /// than a second and the output is a terminal.</summary>
    /// <remarks>Awaited, never waited on: until the command first yields, the command line has not yet taken over
    /// Ctrl-C, and a search run to its end without yielding would die at Ctrl-C with nothing shown.</remarks>
    private static async Task<SweepResult> RunWithProgress(CliContext context, SearchSpace space, SearchPlan plan, BacktestTrial trial, int jobs, SweepMetric objective, CancellationToken cancellationToken)
    {
        var latest = new LatestProgress();
        var run = Task.Run(() => Sweep.Run(space, plan, trial.Run, jobs, objective, latest, cancellationToken), CancellationToken.None);
        if (!await Finished(run, TimeSpan.FromSeconds(1)).ConfigureAwait(false) && context.Console.Profile.Capabilities.Interactive)
        {
            await context.Console.Progress()
                .AutoClear(true)
                .StartAsync(async bar =>
                {
                    var task = bar.AddTask($"{plan.Trials.Count:N0} trials", maxValue: plan.Trials.Count);
                    while (!await Finished(run, TimeSpan.FromMilliseconds(200)).ConfigureAwait(false))
                    {
                        if (latest.Value is { } now)
                        {
                            task.Value = now.Done;
                            task.Description = Markup.Escape(Describe(now, objective));
                        }
                    }
                }).ConfigureAwait(false);
        }

        // The search itself stops at Ctrl-C and returns what finished; waiting for it loses nothing.
        return await run.ConfigureAwait(false);
    }

    private static string Describe(SweepProgress progress, SweepMetric objective)
    {
        var best = progress.Best is { } trial
            ? string.Create(CultureInfo.InvariantCulture, $"best {objective.Name} {Number(objective.Value(trial))} ({Parameters(trial.Parameters)})")
            : string.Empty;
        var left = progress.Remaining is { } remaining ? $", {remaining:hh\\:mm\\:ss} left" : string.Empty;
        return $"{progress.Done:N0}/{progress.Total:N0} trials{left}; {best}";
    }

    private static void Write(IAnsiConsole console, SweepReport report, int top)
    {
        var searched = report.Space.Ranges.Select(r => r.Parameter.Name).ToList();
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("rank").RightAligned());
        foreach (var name in searched)
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        table.AddColumn(new TableColumn(report.Objective.Name).RightAligned());
        if (report.Constraints.Count > 0)
        {
            table.AddColumn("constraints");
        }

        foreach (var shown in new[] { "total_return", "cagr", "sharpe", "max_drawdown", "trades" }.Where(m => m != report.Objective.Name))
        {
            table.AddColumn(new TableColumn(shown).RightAligned());
        }

        foreach (var ranked in report.Ranked.Take(top))
        {
            var cells = new List<string> { ranked.Rank.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(searched.Select(name => StrategyParameter.Format(ranked.Trial.Parameters[name])));
            cells.Add(Number(ranked.Objective));
            if (report.Constraints.Count > 0)
            {
                cells.Add(ranked.ConstraintsMet ? "met" : "failed");
            }

            foreach (var shown in new[] { "total_return", "cagr", "sharpe", "max_drawdown", "trades" }.Where(m => m != report.Objective.Name))
            {
                cells.Add(Number(SweepMetric.Parse(shown).Value(ranked.Trial)));
            }

            table.AddRow([.. cells.Select(Markup.Escape)]);
        }

        var result = report.Result;
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-9);
        var constraints = report.Constraints.Count == 0 ? string.Empty : $", {report.FailedConstraints:N0} failed constraints";
        table.Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Trials.Count:N0} trials run, {result.Plan.SkippedByRules:N0} skipped by rules{constraints}; {result.Elapsed.TotalSeconds:0.00} s, {result.Trials.Count / seconds:0.0} trials/s, {result.BarEvents / seconds / 1e6:0.0}M bar events/s")));
        console.Write(table);

        // What the best result owes to the search, in words (Bailey and López de Prado).
        if (report.Overfitting is { } overfitting)
        {
            console.WriteLine("deflated Sharpe ratio: " + (overfitting.Deflated?.Explain(overfitting.PeriodsPerYear) ?? $"not computed ({overfitting.DeflatedNote})"));
            console.WriteLine("overfitting (CSCV): " + (overfitting.Cscv?.Explain() ?? $"not computed ({overfitting.CscvNote})"));
        }
    }

    internal static string Parameters(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Key}={StrategyParameter.Format(p.Value)}"));

    internal static string Number(double value) =>
        double.IsNaN(value) ? "-" : double.IsPositiveInfinity(value) ? "inf" : value.ToString("0.####", CultureInfo.InvariantCulture);

    internal static T Checked<T>(string option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{option} {CliErrors.OneLine(e)}", e);
        }
    }

    internal static void Check(System.CommandLine.Parsing.OptionResult result, string option, Action<string> parse)
    {
        foreach (var token in result.Tokens)
        {
            try
            {
                parse(token.Value);
            }
            catch (ArgumentException e)
            {
                result.AddError($"{option} {e.Message}");
                return;
            }
        }
    }

    private static async Task<bool> Finished(Task run, TimeSpan wait) =>
        await Task.WhenAny(run, Task.Delay(wait, CancellationToken.None)).ConfigureAwait(false) == run;

    /// <summary>Progress written by the trials' threads and read by the progress bar's; only the latest matters.</summary>
    private sealed class LatestProgress : IProgress<SweepProgress>
    {
        private SweepProgress? _value;

        public SweepProgress? Value => Volatile.Read(ref _value);

        public void Report(SweepProgress value) => Volatile.Write(ref _value, value);
    }
}

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

    private readonly Option<string> _method = new Option<string>("--method") { Description = "grid (every combination) or random (--trials of them, drawn by --seed).", DefaultValueFactory = _ => "grid" }.OneOf("grid", "random");
    private readonly NumberOption<int> _trials = new("--trials", "With --method random: how many combinations to draw (100 unless given).", 100, "at least 1", n => n >= 1);
    private readonly NumberOption<ulong> _seed = new("--seed", "With --method random: the seed that draws them; the same seed draws the same trials.", 42, "from 0 to 18446744073709551615", _ => true);
    private readonly Option<string> _objective = new("--objective") { Description = $"What ranks the trials (more is better; max_drawdown, annual_volatility, beta, turnover and commissions less): {SweepMetric.Names}.", DefaultValueFactory = _ => "sharpe" };
    private readonly Option<string[]> _constraint = new("--constraint") { Description = "A bound a trial must keep to rank with those that do, repeated for several: \"max_drawdown<0.25\", \"trades>=20\" (< <= > >=)." };
    private readonly NumberOption<int> _jobs = new("--jobs", "Trials run at once (default: the number of cores).", Environment.ProcessorCount, "between 1 and 1024", n => n is >= 1 and <= 1024);
    private readonly RunConfigOptions _models = new();

    public SearchOptions()
    {
        _objective.Validators.Add(result => OptimizeCommand.Check(result, "--objective", text => SweepMetric.Parse(text)));
        _constraint.Validators.Add(result => OptimizeCommand.Check(result, "--constraint", text => TrialConstraint.Parse(text)));
    }

    /// <summary>Adds the search's options to <paramref name="command"/>, then <paramref name="more"/> (the command's
    /// own), then the run's models.</summary>
    public void AddTo(Command command, params Option[] more)
    {
        _strategy.AddTo(command, required: true, orElse: _models.Config);
        _barFile.AddTo(command);
        Option[] options = [_csv, _parquet, _csvSymbol, _symbols, _universe, _index, _from, _to, _interval, _benchmark, _param, _method, _trials, _seed, _objective, _constraint, _jobs, .. more];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        _models.AddTo(command);
        command.Validators.Add(result =>
        {
            var random = "random".Equals(result.GetValue(_method), StringComparison.OrdinalIgnoreCase);
            foreach (var option in new Option[] { _trials, _seed })
            {
                if (!random && result.GetResult(option) is { Implicit: false })
                {
                    result.AddError($"{option.Name} draws a random sample: give it with --method random");
                }
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
            Random = "random".Equals(parsed.GetValue(_method), StringComparison.OrdinalIgnoreCase),
            Trials = parsed.GetValue(_trials),
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
}

/// <summary>A search checked and ready to load its data: <see cref="SearchOptions.Resolve"/>'s result.</summary>
internal sealed record SearchRequest
{
    public required RunConfig Config { get; init; }

    public required StrategyDefinition Definition { get; init; }

    public required IReadOnlyList<ParameterRange> Ranges { get; init; }

    public required SweepMetric Objective { get; init; }

    public required IReadOnlyList<TrialConstraint> Constraints { get; init; }

    public required Trading.Backtesting.BacktestSettings Settings { get; init; }

    public required int Jobs { get; init; }

    public required bool Random { get; init; }

    public required int Trials { get; init; }

    public required ulong Seed { get; init; }

    public required Interval Interval { get; init; }

    public required DateTime? Start { get; init; }

    public required DateTime? End { get; init; }

    public required string[]? Wanted { get; init; }

    public required FileInfo? File { get; init; }

    public required bool IsParquet { get; init; }

    public required Symbol? Named { get; init; }

    public required BarFileFormat FileFormat { get; init; }

    /// <summary>The files read, which no output may overwrite.</summary>
    public required (FileSystemInfo? File, string What)[] Inputs { get; init; }

    /// <summary>The parameters not searched (a --config file's, over those stored for the strategy, over the
    /// defaults), the search space and plan, and the data, loaded once.</summary>
    public async Task<(SearchSpace Space, SearchPlan Plan, Trading.Backtesting.BacktestInput Input)> LoadAsync(CliContext context, ParseResult parsed, CancellationToken cancellationToken)
    {
        using var store = Wanted is { Length: > 0 } ? context.OpenExistingStore(parsed) : context.OpenStoreIfAny(parsed);
        var chosen = await BacktestCommand.ChooseParametersAsync(store, Definition, Config.ParameterTexts(), cancellationToken).ConfigureAwait(false);
        if (chosen.StoredSetAside is { } reason)
        {
            context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(BacktestCommand.StoredSetAsideWarning(Definition, reason))}");
        }

        var startFrom = chosen.Parameters.AsText().Where(p => chosen.Sources[p.Key] != ParameterSource.Default).ToDictionary(p => p.Key, p => p.Value);
        var space = OptimizeCommand.Checked("--param", () => new SearchSpace(Definition, Ranges, startFrom));
        var plan = Random ? space.Random(Trials, Seed) : space.Grid();
        if (plan.Trials.Count == 0)
        {
            throw new CliException($"every one of the {space.Size:N0} combinations breaks a rule of {Definition.Name} ({string.Join("; ", Definition.Rules.Select(r => r.Description))}): nothing to run");
        }

        var input = File is not null
            ? await BarFileInput.LoadAsync(File, IsParquet, Named, FileFormat, Interval, Start, End, cancellationToken).ConfigureAwait(false)
            : await BacktestCommand.LoadInput(context, store, Wanted, Config.Benchmark, Config.Index, Interval, Start, End, cancellationToken).ConfigureAwait(false);
        return (space, plan, input);
    }
}
