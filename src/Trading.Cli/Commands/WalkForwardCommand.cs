using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Trading.Accounting;
using Trading.Backtesting;
using Trading.Optimization;
using Trading.Strategies;

namespace Trading.Cli.Commands;

/// <summary><c>trade walkforward --strategy sma_cross --param fast=5:50:5 --param slow=20:200:10 --train 3y --test 1y
/// [--anchored]</c>: the search of <c>trade optimize</c> on each training window, its best parameters run on the test
/// window after it, the test runs stitched into one out-of-sample curve.</summary>
internal static class WalkForwardCommand
{
    public static Command Create(CliContext context)
    {
        var search = new SearchOptions();
        var train = new Option<string>("--train") { Description = "Length of each training (in-sample) window: months or years, like 6m, 1y, 3y.", Required = true };
        var test = new Option<string>("--test") { Description = "Length of each test (out-of-sample) window, and the step between windows: like 6m or 1y.", Required = true };
        foreach (var (option, name) in new[] { (train, "--train"), (test, "--test") })
        {
            option.Validators.Add(result => OptimizeCommand.Check(result, name, text => WalkForwardPeriod.Parse(text)));
        }

        var anchored = new Option<bool>("--anchored") { Description = "Keep every training window's start at the first bar (it grows by a test length each step) instead of rolling it." };
        var cold = new Option<bool>("--no-warm-up") { Description = "Start each test run cold, as a backtest with --from does: its indicators fill from the test window's first bar instead of warming up on the training bars before it." };
        var json = new Option<FileInfo?>("--json") { Description = "Write each window (dates, chosen parameters, in-sample and out-of-sample metrics, efficiency) and the stitched summary as JSON." };
        var command = new Command("walkforward", "Walk-forward analysis: re-optimise on each training window, run the best parameters on the test window after it, and stitch the test runs into one out-of-sample curve. Without --csv or --symbols it runs over the synthetic market.");
        search.AddTo(command, train, test, anchored, cold, json);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = search.Resolve(context, parsed);
            var trainLength = WalkForwardPeriod.Parse(parsed.GetValue(train));
            var testLength = WalkForwardPeriod.Parse(parsed.GetValue(test));
            var isAnchored = parsed.GetValue(anchored);
            var warmUp = !parsed.GetValue(cold);
            var jsonOutput = parsed.GetValue(json) is { } jsonFile ? context.OutputFile(parsed, "--json", jsonFile, request.Inputs) : null;
            var (space, plan, input) = await request.LoadAsync(context, parsed, cancellationToken).ConfigureAwait(false);
            var times = input.Universe.Where(s => s.Count > 0).ToList();
            if (times.Count == 0)
            {
                throw new CliException("no bars to walk forward over");
            }

            var first = times.Min(s => s.FirstTime);
            var last = times.Max(s => s.LastTime);
            var windows = WalkForwardWindow.Plan(first, last, trainLength, testLength, isAnchored);
            if (windows.Count == 0)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"the bars from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} are too short for --train {trainLength} and a test window after it"));
            }

            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{OptimizeCommand.Plan(request.Definition, space, plan, request.Jobs)}; {windows.Count} {(isAnchored ? "anchored" : "rolling")} windows, train {trainLength}, test {testLength}{(warmUp ? " (warmed up on the training bars)" : " (cold)")}"));
            var result = await RunWithProgress(context, space, plan, input, request, windows, warmUp, cancellationToken).ConfigureAwait(false);
            Write(context.Console, space, request.Objective, result);
            if (jsonOutput is not null)
            {
                jsonOutput.Write(stream => WriteJson(stream, request, trainLength, testLength, isAnchored, warmUp, windows.Count, result), CancellationToken.None);
                context.Output.WriteLine($"wrote {jsonOutput}");
            }

            if (result.Cancelled)
            {
                context.Error.WriteLine($"{Stopped(result, windows.Count)}; they are shown{(jsonOutput is null ? string.Empty : " and written")} above");
                return OptimizeCommand.Interrupted;
            }

            return 0;
        });
        return command;
    }

    /// <summary>Runs the walk-forward. On a terminal, a progress bar (window k of n, trials done in its search, the best
    /// so far, time left) once it takes more than a second; elsewhere (a log) a line as each window finishes.</summary>
    /// <remarks>Awaited, never waited on, as <c>trade optimize</c>'s search: the command line takes over Ctrl-C only
    /// once the command first yields.</remarks>
    private static async Task<WalkForwardResult> RunWithProgress(
        CliContext context, SearchSpace space, SearchPlan plan, BacktestInput input, SearchRequest request, IReadOnlyList<WalkForwardWindow> windows, bool warmUp, CancellationToken cancellationToken)
    {
        var interactive = context.Console.Profile.Capabilities.Interactive;
        var latest = new LatestProgress<WalkForwardProgress>();
        IProgress<WalkForwardProgress> progress = interactive ? latest : new WindowLines(context.Output, space, request.Objective);
        var run = Task.Run(() => WalkForward.Run(space, plan, input, request.Settings, request.Objective, request.Constraints, windows, request.Jobs, warmUp, progress, cancellationToken), CancellationToken.None);
        if (interactive && !await OptimizeCommand.Finished(run, TimeSpan.FromSeconds(1)).ConfigureAwait(false))
        {
            await context.Console.Progress()
                .AutoClear(true)
                .StartAsync(async bar =>
                {
                    var task = bar.AddTask($"{windows.Count} windows", maxValue: windows.Count);
                    while (!await OptimizeCommand.Finished(run, TimeSpan.FromMilliseconds(200)).ConfigureAwait(false))
                    {
                        if (latest.Value is { } now)
                        {
                            task.Value = now.WindowsDone;
                            task.Description = Markup.Escape(Describe(now, request.Objective));
                        }
                    }
                }).ConfigureAwait(false);
        }

        // The walk-forward stops at Ctrl-C itself and returns the windows that finished.
        return await run.ConfigureAwait(false);
    }

    private static string Describe(WalkForwardProgress progress, SweepMetric objective)
    {
        var search = progress.Search is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"{s.Done:N0}/{s.Total:N0} trials")
            : "searching";
        var best = progress.Search?.Best is { } trial
            ? string.Create(CultureInfo.InvariantCulture, $"; best {objective.Name} {OptimizeCommand.Number(objective.Value(trial))} ({OptimizeCommand.Parameters(trial.Parameters)})")
            : string.Empty;
        var left = progress.Remaining is { } remaining ? $", {remaining:hh\\:mm\\:ss} left" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"window {progress.Window}/{progress.Windows}: {search}{left}{best}");
    }

    internal static string Stopped(WalkForwardResult result, int windows) =>
        string.Create(CultureInfo.InvariantCulture, $"stopped after {result.Steps.Count} of {windows} windows: the walk-forward was cancelled (Ctrl-C) and the windows that finished are kept");

    private static void Write(IAnsiConsole console, SearchSpace space, SweepMetric objective, WalkForwardResult result)
    {
        var searched = space.Ranges.Select(r => r.Parameter.Name).ToList();
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("window").RightAligned()).AddColumn("train").AddColumn("test");
        foreach (var name in searched)
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var heading in new[] { $"IS {objective.Name}", "IS cagr", "OOS cagr", "OOS sharpe", "OOS max_drawdown", "OOS trades", "efficiency" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var step in result.Steps)
        {
            var window = step.Window;
            var cells = new List<string>
            {
                window.Number.ToString(CultureInfo.InvariantCulture),
                Range(window.TrainStart, window.TrainEnd),
                Range(window.TestStart, window.TestEnd) + (window.Partial ? " (short)" : string.Empty),
            };
            cells.AddRange(searched.Select(name => StrategyParameter.Format(step.Parameters[name])));
            cells.Add(OptimizeCommand.Number(step.InSampleObjective) + (step.ConstraintsMet ? string.Empty : " (constraints failed)"));
            cells.Add(OptimizeCommand.Number(step.InSample.Cagr));
            cells.Add(OptimizeCommand.Number(step.OutOfSample.Cagr));
            cells.Add(OptimizeCommand.Number(step.OutOfSample.Sharpe));
            cells.Add(OptimizeCommand.Number(step.OutOfSample.MaxDrawdown));
            cells.Add(step.OutOfSampleTrades.ToString(CultureInfo.InvariantCulture));
            cells.Add(OptimizeCommand.Number(step.Efficiency));
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }

        table.Caption("windows start on their first day and end before their last (ends excluded); IS in sample, OOS out of sample");
        console.Write(table);
        var metrics = result.OutOfSample;
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"stitched out of sample: total_return {OptimizeCommand.Number(metrics.TotalReturn)}, cagr {OptimizeCommand.Number(metrics.Cagr)}, sharpe {OptimizeCommand.Number(metrics.Sharpe)}, max_drawdown {OptimizeCommand.Number(metrics.MaxDrawdown)}, trades {metrics.TradeCount}"));
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"walk-forward efficiency {OptimizeCommand.Number(result.Efficiency)}: the stitched annualised return (cagr {OptimizeCommand.Number(metrics.Cagr)}) over the mean in-sample annualised return of the chosen parameters (cagr {OptimizeCommand.Number(result.InSampleCagr)}); near 1 the search's choice held up out of sample, near 0 or below it did not ('-': no in-sample gain to compare)"));
    }

    /// <summary>A line as each window finishes, for output that is not a terminal (a log of a long run).</summary>
    private sealed class WindowLines(TextWriter output, SearchSpace space, SweepMetric objective) : IProgress<WalkForwardProgress>
    {
        public void Report(WalkForwardProgress value)
        {
            if (value.Finished is not { } step)
            {
                return;
            }

            var window = step.Window;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"window {window.Number} of {value.Windows} done: train {Range(window.TrainStart, window.TrainEnd)}, test {Range(window.TestStart, window.TestEnd)}: {Searched(step)}; in sample {objective.Name} {OptimizeCommand.Number(step.InSampleObjective)}, out of sample cagr {OptimizeCommand.Number(step.OutOfSample.Cagr)}"));
        }

        private string Searched(WalkForwardStep step) =>
            string.Join(", ", space.Ranges.Select(r => $"{r.Parameter.Name}={StrategyParameter.Format(step.Parameters[r.Parameter.Name])}"));
    }

    private static string Range(DateTime from, DateTime to) =>
        string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}");

    private static void WriteJson(Stream stream, SearchRequest request, WalkForwardPeriod train, WalkForwardPeriod test, bool anchored, bool warmUp, int windows, WalkForwardResult result)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("strategy", request.Definition.Name);
        json.WriteString("objective", request.Objective.Name);
        json.WriteStartArray("constraints");
        foreach (var constraint in request.Constraints)
        {
            json.WriteStringValue(constraint.ToString());
        }

        json.WriteEndArray();
        json.WriteString("train", train.ToString());
        json.WriteString("test", test.ToString());
        json.WriteBoolean("anchored", anchored);
        json.WriteBoolean("warm_up", warmUp);
        json.WriteBoolean("cancelled", result.Cancelled);
        json.WriteNumber("windows_planned", windows);
        if (result.Cancelled)
        {
            json.WriteString("note", Stopped(result, windows));
        }

        json.WriteStartArray("windows");
        foreach (var step in result.Steps)
        {
            var window = step.Window;
            json.WriteStartObject();
            json.WriteNumber("window", window.Number);
            json.WriteString("train_start", Day(window.TrainStart));
            json.WriteString("train_end", Day(window.TrainEnd));
            json.WriteString("test_start", Day(window.TestStart));
            json.WriteString("test_end", Day(window.TestEnd));
            json.WriteBoolean("partial", window.Partial);
            json.WriteNumber("trials", step.TrialsRun);
            json.WriteStartObject("parameters");
            foreach (var (name, value) in step.Parameters)
            {
                json.WritePropertyName(name);
                ParameterJson.WriteValue(json, value);
            }

            json.WriteEndObject();
            Number(json, "in_sample_objective", step.InSampleObjective);
            json.WriteBoolean("constraints_met", step.ConstraintsMet);
            Metrics(json, "in_sample", step.InSample);
            Metrics(json, "out_of_sample", step.OutOfSample);
            Number(json, "efficiency", step.Efficiency);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("stitched");
        Metrics(json, "out_of_sample", result.OutOfSample);
        Number(json, "in_sample_cagr", result.InSampleCagr);
        Number(json, "efficiency", result.Efficiency);
        json.WriteString("efficiency_is", "annualised out-of-sample return (CAGR of the stitched curve) / mean annualised in-sample return (CAGR) of the chosen parameters (Pardo); null without an in-sample gain");
        if (result.Stitched.Count > 0)
        {
            json.WriteNumber("final_equity", result.Stitched[^1].Equity);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Metrics(Utf8JsonWriter json, string name, PerformanceMetrics metrics)
    {
        json.WriteStartObject(name);
        Number(json, "total_return", metrics.TotalReturn);
        Number(json, "cagr", metrics.Cagr);
        Number(json, "sharpe", metrics.Sharpe);
        Number(json, "sortino", metrics.Sortino);
        Number(json, "calmar", metrics.Calmar);
        Number(json, "max_drawdown", metrics.MaxDrawdown);
        Number(json, "annual_volatility", metrics.AnnualVolatility);
        json.WriteNumber("trades", metrics.TradeCount);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Day(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
