using System.CommandLine;
using Spectre.Console;
using Trading.Backtesting;
using Trading.Backtesting.Reports;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Strategies;

namespace Trading.Cli.Commands;

/// <summary><c>trade backtest --strategy sma_cross (--csv FILE | --symbols A,B | the synthetic market) ...</c>.</summary>
internal static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var source = new RunSourceOptions("Backtest");
        var set = new Option<string[]>("--set") { Description = "Strategy parameter as name=value (repeat for several): --set fast=10 --set slow=30." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results as JSON." };
        var report = new Option<FileInfo?>("--report") { Description = "Write a self-contained HTML report." };
        var command = new Command("backtest", "Run a strategy over history and print its performance. Without --csv or --symbols it runs over the built-in synthetic market.");
        source.AddTo(command);
        foreach (var option in new Option[] { set, json, report })
        {
            command.Options.Add(option);
        }

        source.Models.AddTo(command);

        command.SetAction(async (parsed, cancellationToken) =>
        {
            // Everything the user typed is checked before any data is read. The flags win over a --config file.
            var config = source.Config(parsed, RunConfigOptions.Given(parsed, set) ? ParseSettings(parsed.GetValue(set) ?? []).ToDictionary(p => p.Key, p => (object)p.Value) : null);
            var run = source.Resolve(context, parsed, config);
            var chosenStrategy = run.Strategy;
            var definition = chosenStrategy.Definition;
            var overrides = config.ParameterTexts();
            var barInterval = run.Interval;
            var (start, end) = (run.Start, run.End);
            var settings = config.ToSettings();
            var wanted = run.Wanted;
            var (file, isParquet, named, fileFormat) = (run.File, run.IsParquet, run.Named, run.FileFormat);

            // Where the results go is checked before the run, not after it: never over the database or an input.
            var inputs = run.Inputs;
            var jsonOutput = parsed.GetValue(json) is { } jsonFile ? context.OutputFile(parsed, "--json", jsonFile, inputs) : null;
            var reportOutput = parsed.GetValue(report) is { } reportFile
                ? context.OutputFile(parsed, "--report", reportFile, [.. inputs, (jsonOutput is null ? null : new FileInfo(jsonOutput.FullName), "the --json file")])
                : null;

            // From the first yield on, Ctrl-C is the command line's: the load and the run stop and say so (exit 130).
            await Task.Yield();

            // Stored symbols need the database; a CSV file or the synthetic market only read the strategy settings
            // configured in it, when there is one.
            using var store = wanted is { Length: > 0 } ? context.OpenExistingStore(parsed) : context.OpenStoreIfAny(parsed);
            var chosen = await ChooseParametersAsync(store, definition, overrides, cancellationToken).ConfigureAwait(false);
            BacktestResult result;
            try
            {
                var input = file is not null
                    ? await BarFileInput.LoadAsync(file, isParquet, named, fileFormat, barInterval, start, end, cancellationToken).ConfigureAwait(false)
                    : await LoadInput(context, store, wanted, config.Benchmark, config.Index, barInterval, start, end, cancellationToken).ConfigureAwait(false);
                result = await RunWithProgress(context, definition.Name, definition.Create(chosen.Parameters), chosen.Parameters, input, settings, cancellationToken).ConfigureAwait(false) with
                {
                    ParameterSources = chosen.Sources,
                };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: a backtest cut short has no results worth showing; say so and write nothing.
                context.Error.WriteLine($"stopped: the backtest was cancelled before it finished; nothing was {(jsonOutput is null && reportOutput is null ? "shown" : "shown or written")}");
                return OptimizeCommand.Interrupted;
            }

            result = result with { Config = RunConfigOptions.Recorded(config, chosenStrategy, result, wanted, named) };
            if (chosen.StoredSetAside is { } reason)
            {
                result = result with { Warnings = [StoredSetAsideWarning(definition, reason), .. result.Warnings] };
            }

            BacktestSummary.Write(context.Console, result);
            if (jsonOutput is not null)
            {
                jsonOutput.Write(stream => JsonReport.Write(result, stream), cancellationToken);
                context.Output.WriteLine($"wrote {jsonOutput}");
            }

            if (reportOutput is not null)
            {
                reportOutput.WriteText(writer => HtmlReport.Write(result, writer), cancellationToken);
                context.Output.WriteLine($"wrote {reportOutput}");
            }

            return 0;
        });
        return command;
    }

    internal static Dictionary<string, string> ParseSettings(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--set takes name=value (like --set fast=10); got '{pair}'");
            }

            var name = pair[..equals].Trim();
            var value = pair[(equals + 1)..].Trim();
            if (values.TryGetValue(name, out var earlier) && earlier != value)
            {
                throw new CliException($"--set {name} is given twice ({earlier} and {value}); give it once");
            }

            values[name] = value;
        }

        return values;
    }

    /// <summary>The parameters a run uses: <paramref name="overrides"/> (<c>--set</c>) over what was configured for
    /// the strategy in <paramref name="store"/> (over HTTP, on the same database) over the defaults.</summary>
    internal static async Task<ConfiguredParameters> ChooseParametersAsync(CliStore? store, StrategyDefinition definition, IReadOnlyDictionary<string, string> overrides, CancellationToken cancellationToken)
    {
        var stored = store is null
            ? new Dictionary<string, string>()
            : await store.Settings.ReadAsync(definition.Name, cancellationToken).ConfigureAwait(false);
        return ConfiguredParameters.Resolve(definition, stored, overrides);
    }

    internal static string StoredSetAsideWarning(StrategyDefinition definition, string reason) =>
        $"the parameters stored for {definition.Name} no longer fit its schema ({reason}); this run used its defaults instead (configure it again to replace them)";

    /// <summary>The stored symbols' bars read in one transaction, or the synthetic market when none are named: what a
    /// backtest, or each trial of <c>trade optimize</c>, runs over.</summary>
    internal static async Task<BacktestInput> LoadInput(
        CliContext context,
        CliStore? store,
        string[]? symbols,
        string? benchmark,
        string? index,
        Interval interval,
        DateTime? start,
        DateTime? end,
        CancellationToken cancellationToken)
    {
        if (symbols is { Length: > 0 } && store is not null)
        {
            var wanted = CliOptions.ParseSymbols(symbols);
            if (index is not null && wanted.Contains(Symbol.Parse(index)))
            {
                throw new CliException($"the index {index} is read, not traded: leave it out of --symbols");
            }

            await store.RequireStoredAsync(wanted, interval, cancellationToken).ConfigureAwait(false);
            var (universe, actions) = await store.ReadUniverseAsync(wanted, interval, start, end, cancellationToken).ConfigureAwait(false);

            if (universe.All(s => s.IsEmpty))
            {
                throw new CliException($"no {interval} bars of {string.Join(", ", wanted)} in {store}; run 'trade data import', 'trade data fetch' or 'trade data synth' first");
            }

            BarSeries? benchmarkSeries = null;
            if (benchmark is not null)
            {
                benchmarkSeries = await store.ReadBarsAsync(Symbol.Parse(benchmark), interval, start, end, cancellationToken).ConfigureAwait(false);
                if (benchmarkSeries.IsEmpty)
                {
                    throw new CliException($"no {interval} bars of the benchmark {benchmark} in {store}");
                }
            }

            BarSeries? indexSeries = null;
            if (index is not null)
            {
                indexSeries = await store.ReadBarsAsync(Symbol.Parse(index), interval, null, end, cancellationToken).ConfigureAwait(false);
                if (indexSeries.IsEmpty)
                {
                    throw new CliException($"no {interval} bars of the index {index} in {store}; import or fetch it first");
                }
            }

            return new BacktestInput(universe, actions, benchmarkSeries ?? indexSeries?.Between(start, end)) { MarketIndex = indexSeries };
        }

        // The embedded default: the synthetic market, generated in memory, benchmarked against its index.
        if (index is not null && Symbol.Parse(index) != SyntheticMarket.IndexSymbol)
        {
            throw new CliException($"the synthetic market's index is {SyntheticMarket.IndexSymbol}; got --index {index}");
        }

        var market = SyntheticMarket.Generate(new SyntheticMarketOptions());
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).Select(s => s.Between(start, end)).ToList();
        var marketIndex = market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol);
        if (stocks.TrueForAll(s => s.IsEmpty))
        {
            throw new CliException($"the synthetic market has no bars{CliOptions.RangeText(start, end)}; it holds {interval.Format(marketIndex.FirstTime)} to {interval.Format(marketIndex.LastTime)}");
        }

        context.Output.WriteLine($"no --csv or --symbols: running over the synthetic market ({stocks.Count} stocks, index and benchmark {SyntheticMarket.IndexSymbol})");
        return new BacktestInput(stocks, market.Actions, marketIndex.Between(start, end))
        {
            // The whole index up to each bar (not only from --from), so a regime filter is ready on the first day.
            MarketIndex = marketIndex.Between(null, end),
            Calendar = SyntheticExchangeCalendar.Instance,
        };
    }

    /// <summary>Runs the backtest; a progress bar appears only if it takes more than a second and the output is a terminal.</summary>
    /// <remarks>Awaited, never waited on, as <c>optimize</c>'s search: until the command first yields, the command line
    /// has not taken over Ctrl-C, and a run that never yields dies at Ctrl-C with nothing said.</remarks>
    private static async Task<BacktestResult> RunWithProgress(
        CliContext context,
        string name,
        IStrategy strategy,
        StrategyParameters parameters,
        BacktestInput input,
        BacktestSettings settings,
        CancellationToken cancellationToken)
    {
        var progress = new LatestProgress();
        var run = Task.Run(() => BacktestEngine.Run(name, strategy, parameters, input, settings, progress, cancellationToken), cancellationToken);
        if (!await OptimizeCommand.Finished(run, TimeSpan.FromSeconds(1)).ConfigureAwait(false) && context.Console.Profile.Capabilities.Interactive)
        {
            await context.Console.Progress()
                .AutoClear(true)
                .StartAsync(async bar =>
                {
                    var task = bar.AddTask($"{name} over {input.Universe.Count} symbols", maxValue: 1.0);
                    while (!await OptimizeCommand.Finished(run, TimeSpan.FromMilliseconds(100)).ConfigureAwait(false))
                    {
                        task.Value = progress.Value;
                    }

                    task.Value = 1.0;
                }).ConfigureAwait(false);
        }

        // The engine stops at Ctrl-C (it looks at the token as it reports progress) and throws; awaiting it says so.
        return await run.ConfigureAwait(false);
    }

    /// <summary>Progress written by the engine's thread and read by the progress bar's; only the latest value matters.</summary>
    private sealed class LatestProgress : IProgress<double>
    {
        private double _value;

        public double Value => Volatile.Read(ref _value);

        public void Report(double value) => Volatile.Write(ref _value, value);
    }
}
