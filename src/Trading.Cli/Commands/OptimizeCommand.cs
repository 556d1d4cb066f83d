using System.CommandLine;
using System.Globalization;
using Spectre.Console;
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
        var search = new SearchOptions(halving: true);
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
            var schedule = plan.Method == SearchMethod.Halving ? HalvingSummary.Schedule(input, plan, request.Eta) : null;
            context.Console.WriteLine(Plan(request.Definition, space, plan, request.Jobs) + (schedule is null ? string.Empty : HalvingSummary.Plan(schedule)));
            var trial = new BacktestTrial(request.Definition, input, request.Settings);
            SweepReport report;
            if (schedule is null)
            {
                var sweep = await RunWithProgress(context, plan.Trials.Count, p => Sweep.Run(space, plan, trial.Run, request.Jobs, request.Objective, p, cancellationToken), request.Objective).ConfigureAwait(false);
                report = new SweepReport(space, sweep, request.Objective, request.Constraints);
            }
            else
            {
                var halving = await RunWithProgress(context, schedule.PlannedTrials, p => SuccessiveHalving.Run(space, plan, schedule, trial, request.Objective, request.Constraints, request.Jobs, p, cancellationToken), request.Objective).ConfigureAwait(false);
                report = new SweepReport(space, halving.Final, request.Objective, request.Constraints) { Halving = halving };
            }

            var result = report.Result;
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

            if (report.Halving is { Cancelled: true } stopped)
            {
                context.Error.WriteLine($"stopped in rung {stopped.Ranked.Rung.Number} of {stopped.Schedule.Rungs.Count}: {stopped.TrialsRun} of {stopped.Schedule.PlannedTrials} trials finished before the search was cancelled; the furthest rung's are shown{(jsonOutput is null && csvOutput is null ? string.Empty : " and written")} above");
                return Interrupted;
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
        var drawn = plan.Seed is not null ? $", {plan.Trials.Count:N0} drawn at random (seed {plan.Seed})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{definition.Name}: {string.Join(" ", space.Ranges.Select(r => r.Text))}: {space.Size:N0} combinations{skipped}{drawn}; {plan.Trials.Count:N0} trials on {jobs} {(jobs == 1 ? "job" : "jobs")}");
    }

    /// <summary>Runs the search; a progress bar (trials done, best so far, time left) appears only if it takes more
    /// than a second and the output is a terminal.</summary>
    /// <remarks>Awaited, never waited on: until the command first yields, the command line has not yet taken over
    /// Ctrl-C, and a search run to its end without yielding would die at Ctrl-C with nothing shown.</remarks>
    private static async Task<T> RunWithProgress<T>(CliContext context, int total, Func<IProgress<SweepProgress>, T> search, SweepMetric objective)
    {
        var latest = new LatestProgress<SweepProgress>();
        var run = Task.Run(() => search(latest), CancellationToken.None);
        if (!await Finished(run, TimeSpan.FromSeconds(1)).ConfigureAwait(false) && context.Console.Profile.Capabilities.Interactive)
        {
            await context.Console.Progress()
                .AutoClear(true)
                .StartAsync(async bar =>
                {
                    var task = bar.AddTask($"{total:N0} trials", maxValue: total);
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
        var runs = report.Halving?.TrialsRun ?? result.Trials.Count;
        var rungs = report.Halving is { } search ? $" in {search.Rungs.Count} rungs ({result.Trials.Count:N0} ranked)" : string.Empty;
        table.Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{runs:N0} trials run{rungs}, {result.Plan.SkippedByRules:N0} skipped by rules{constraints}; {result.Elapsed.TotalSeconds:0.00} s, {runs / seconds:0.0} trials/s, {result.BarEvents / seconds / 1e6:0.0}M bar events/s")));
        console.Write(table);
        if (report.Halving is { } halving)
        {
            foreach (var line in HalvingSummary.Rungs(halving))
            {
                console.WriteLine(line);
            }
        }

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

    internal static async Task<bool> Finished(Task run, TimeSpan wait) =>
        await Task.WhenAny(run, Task.Delay(wait, CancellationToken.None)).ConfigureAwait(false) == run;
}
