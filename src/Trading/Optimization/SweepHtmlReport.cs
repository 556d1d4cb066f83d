using System.Globalization;
using System.Net;
using Trading.Accounting;
using Trading.Backtesting.Reports;
using Trading.Strategies;

namespace Trading.Optimization;

/// <summary>A search as one self-contained HTML page: what it searched, what its best trial owes to the search (the
/// deflated Sharpe ratio and the PBO in words, with the logits' histogram), a heatmap of the objective over two
/// searched parameters, the objective's distribution across trials, the best runs' equity curves and the top trials.</summary>
public static class SweepHtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Palette = [HtmlReport.Blue, "#16a34a", "#ea580c", "#9333ea", "#0891b2"];

    /// <param name="report">The search, ranked.</param>
    /// <param name="best">The equity curves of the best trials, best first (run again for the page: a search keeps
    /// metrics, not curves).</param>
    /// <param name="top">How many trials the table lists.</param>
    public static void Write(SweepReport report, IReadOnlyList<(TrialResult Trial, IReadOnlyList<EquityPoint> Curve)> best, TextWriter writer, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(writer);
        var title = $"{report.Space.Definition.Name}: search of {string.Join(", ", report.Space.Ranges.Select(r => r.Text))}";
        writer.Write($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{Encode(title)}</title><style>{HtmlReport.Css}{Css}</style></head><body><main>");
        writer.Write($"<h1>{Encode(title)}</h1>");
        var result = report.Result;
        writer.Write(string.Create(Invariant, $"<p class=\"muted\">{Encode(result.Plan.Method.ToString().ToLowerInvariant())} search: {result.Trials.Count:N0} trials run of {result.Plan.Trials.Count:N0} planned ({result.Plan.GridSize:N0} combinations, {result.Plan.SkippedByRules:N0} skipped by the strategy's rules, {report.FailedConstraints:N0} failing a constraint){(result.Cancelled ? ", stopped early" : string.Empty)}; ranked by {Encode(report.Objective.Name)} ({(report.Objective.Better == MetricDirection.Higher ? "more" : "less")} is better){Constraints(report)}; {result.Elapsed.TotalSeconds:0.0} s.</p>"));
        WriteOverfitting(report, writer);
        if (report.Halving is { } halving)
        {
            WriteRungs(report, halving, writer);
        }

        WriteHeatmap(report, writer);
        WriteDistribution(report, writer);
        WriteBestCurves(best, writer);
        WriteTop(report, writer, top);
        writer.Write("</main></body></html>");
    }

    private const string Css = ".cell{font-size:11px;text-align:center;padding:4px 2px;color:#111827}.cell.none{background:#f3f4f6;color:#9ca3af}.bars rect{fill:var(--accent)}.bars rect.neg{fill:var(--neg)}.bars text{fill:var(--muted);font-size:11px}p.muted{color:var(--muted)}";

    private static string Constraints(SweepReport report) =>
        report.Constraints.Count == 0 ? string.Empty : $", under {Encode(string.Join(", ", report.Constraints))}";

    private static void WriteOverfitting(SweepReport report, TextWriter w)
    {
        if (report.Overfitting is not { } overfitting)
        {
            return;
        }

        w.Write("<section class=\"card\"><h2>What the best trial owes to the search</h2>");
        w.Write($"<p><strong>Deflated Sharpe ratio.</strong> {Encode(overfitting.Deflated?.Explain(overfitting.PeriodsPerYear) ?? $"Not computed: {overfitting.DeflatedNote}")}</p>");
        w.Write($"<p><strong>Probability of backtest overfitting.</strong> {Encode(overfitting.Cscv?.Explain() ?? $"Not computed: {overfitting.CscvNote}")}</p>");
        if (overfitting.Cscv is { } cscv)
        {
            w.Write("<p class=\"muted\">Each split's logit λ = ln(ω / (1 − ω)), ω the chosen trial's relative rank out of sample: at or below 0 (red), it did no better than the median trial.</p>");
            Histogram(w, cscv.Logits, 24, "logit of the out-of-sample rank", zeroSplits: true);
        }

        w.Write("<p class=\"muted\">Sources: Bailey and López de Prado, \"The Deflated Sharpe Ratio\" (2014); Bailey, Borwein, López de Prado and Zhu, \"The Probability of Backtest Overfitting\" (2017).</p></section>");
    }

    /// <summary>The objective over the first two searched parameters; where more are searched, each cell shows the
    /// best trial of its pair.</summary>
    private static void WriteHeatmap(SweepReport report, TextWriter w)
    {
        var ranges = report.Space.Ranges;
        if (ranges.Count < 2)
        {
            return;
        }

        var (across, down) = (ranges[0], ranges[1]);
        var cells = new Dictionary<(string, string), RankedTrial>();
        foreach (var ranked in report.Ranked)
        {
            var key = (Key(ranked.Trial.Parameters[across.Parameter.Name]), Key(ranked.Trial.Parameters[down.Parameter.Name]));
            if (!cells.ContainsKey(key) && double.IsFinite(ranked.Objective))
            {
                cells[key] = ranked; // ranked best first: the first of a pair is its best
            }
        }

        var values = cells.Values.Select(c => c.Objective).ToList();
        var (low, high) = values.Count == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        var better = report.Objective.Better == MetricDirection.Higher;
        w.Write($"<section class=\"card\"><h2>{Encode(report.Objective.Name)} by {Encode(across.Parameter.Name)} and {Encode(down.Parameter.Name)}</h2>");
        if (ranges.Count > 2)
        {
            w.Write($"<p class=\"muted\">Each cell is the best trial of its pair over {Encode(string.Join(", ", ranges.Skip(2).Select(r => r.Parameter.Name)))}.</p>");
        }

        w.Write($"<div class=\"table-wrap\"><table class=\"heatmap\"><thead><tr><th>{Encode(down.Parameter.Name)} \\ {Encode(across.Parameter.Name)}</th>");
        foreach (var x in across.Values)
        {
            w.Write($"<th>{Encode(StrategyParameter.Format(x))}</th>");
        }

        w.Write("</tr></thead><tbody>");
        foreach (var y in down.Values)
        {
            w.Write($"<tr><th>{Encode(StrategyParameter.Format(y))}</th>");
            foreach (var x in across.Values)
            {
                if (!cells.TryGetValue((Key(x), Key(y)), out var cell))
                {
                    w.Write("<td class=\"cell none\" title=\"not run (breaks a rule, or not drawn)\">–</td>");
                    continue;
                }

                var share = high > low ? (cell.Objective - low) / (high - low) : 1;
                var goodness = better ? share : 1 - share;
                var tip = $"{across.Parameter.Name}={StrategyParameter.Format(x)}, {down.Parameter.Name}={StrategyParameter.Format(y)}: {report.Objective.Name} {Number(cell.Objective)}, rank {cell.Rank}{(cell.ConstraintsMet ? string.Empty : ", fails a constraint")}";
                w.Write(string.Create(Invariant, $"<td class=\"cell\" style=\"background:{Shade(goodness)}\" title=\"{Encode(tip)}\">{Encode(Number(cell.Objective))}</td>"));
            }

            w.Write("</tr>");
        }

        w.Write("</tbody></table></div></section>");
    }

    private static void WriteDistribution(SweepReport report, TextWriter w)
    {
        var values = report.Ranked.Select(r => r.Objective).Where(double.IsFinite).ToList();
        if (values.Count < 2)
        {
            return;
        }

        w.Write($"<section class=\"card\"><h2>{Encode(report.Objective.Name)} across the {values.Count:N0} trials</h2>");
        Histogram(w, values, 30, report.Objective.Name, zeroSplits: false);
        w.Write("</section>");
    }

    private static void WriteBestCurves(IReadOnlyList<(TrialResult Trial, IReadOnlyList<EquityPoint> Curve)> best, TextWriter w)
    {
        if (best.Count == 0)
        {
            return;
        }

        var chart = new SvgChart(1180, 380, v => v.ToString("#,##0", Invariant), t => t.ToString("yyyy-MM-dd", Invariant));
        for (var i = 0; i < best.Count; i++)
        {
            var (trial, curve) = best[i];
            var name = $"#{i + 1}: {string.Join(", ", trial.Parameters.Select(p => $"{p.Key}={StrategyParameter.Format(p.Value)}"))}";
            chart.Series.Add(new ChartSeries(name, Palette[i % Palette.Length], [.. curve.Select(p => p.Time)], [.. curve.Select(p => (double)p.Equity)]));
        }

        w.Write("<section class=\"card\"><h2>The best trials' equity</h2>");
        chart.Write(w, "Equity curves of the best trials");
        w.Write("</section>");
    }

    /// <summary>A halving search's rungs: the period each ran over, how many ran and were kept, the best of each, and
    /// the cost against the grid's.</summary>
    private static void WriteRungs(SweepReport report, HalvingResult halving, TextWriter w)
    {
        var schedule = halving.Schedule;
        w.Write("<section class=\"card\"><h2>Successive halving, rung by rung</h2>");
        w.Write(string.Create(Invariant, $"<p class=\"muted\">{schedule.Candidates:N0} candidates; each rung keeps the best 1/{schedule.Eta} by {Encode(report.Objective.Name)} for a period {schedule.Eta} times longer, all from {HalvingReport.Format(schedule.Start)}; {halving.TrialsRun:N0} trials, {halving.BarEvents:N0} bar events, {halving.FractionOfGrid:P0} of the grid's {schedule.GridBarEvents:N0}. Only the last rung's trials, over the whole range, are ranked below and read by the statistics above.</p>"));
        w.Write("<div class=\"table-wrap\"><table><thead><tr><th>rung</th><th>through</th><th>bar times</th><th>trials run of planned</th><th>best</th><th>kept</th></tr></thead><tbody>");
        foreach (var rung in schedule.Rungs)
        {
            var ran = halving.Rungs.FirstOrDefault(r => r.Rung.Number == rung.Number);
            var best = ran is { Result.Trials.Count: > 0 } ? Number(SweepRanking.Rank(ran.Result.Trials, report.Objective, report.Constraints)[0].Objective) : "–";
            var kept = rung.IsWholeRange ? "ranked" : ran is null ? "–" : ran.Survivors.Count.ToString("N0", Invariant);
            w.Write(string.Create(Invariant, $"<tr><td>{rung.Number}</td><td>{HalvingReport.Format(rung.End)}{(rung.IsWholeRange ? " (all)" : string.Empty)}</td><td>{rung.BarTimes:N0}</td><td>{ran?.Result.Trials.Count ?? 0:N0} of {rung.Trials:N0}</td><td>{Encode(best)}</td><td>{kept}</td></tr>"));
        }

        w.Write("</tbody></table></div></section>");
    }

    private static void WriteTop(SweepReport report, TextWriter w, int top)
    {
        var searched = report.Space.Ranges.Select(r => r.Parameter.Name).ToList();
        string[] shown = ["total_return", "cagr", "sharpe", "max_drawdown", "trades"];
        w.Write($"<section class=\"card\"><h2>The best {Math.Min(top, report.Ranked.Count)} trials</h2><div class=\"table-wrap\"><table><thead><tr><th>rank</th>");
        foreach (var name in searched.Append(report.Objective.Name).Concat(shown.Where(s => s != report.Objective.Name)))
        {
            w.Write($"<th>{Encode(name)}</th>");
        }

        w.Write("</tr></thead><tbody>");
        foreach (var ranked in report.Ranked.Take(top))
        {
            w.Write(string.Create(Invariant, $"<tr><td>{ranked.Rank}</td>"));
            foreach (var name in searched)
            {
                w.Write($"<td>{Encode(StrategyParameter.Format(ranked.Trial.Parameters[name]))}</td>");
            }

            w.Write($"<td>{Encode(Number(ranked.Objective))}</td>");
            foreach (var name in shown.Where(s => s != report.Objective.Name))
            {
                w.Write($"<td>{Encode(Number(SweepMetric.Parse(name).Value(ranked.Trial)))}</td>");
            }

            w.Write("</tr>");
        }

        w.Write("</tbody></table></div></section>");
    }

    /// <summary>Counts of <paramref name="values"/> in equal bins as SVG bars; with <paramref name="zeroSplits"/>,
    /// bins at or below 0 are drawn red.</summary>
    private static void Histogram(TextWriter w, IReadOnlyList<double> values, int bins, string label, bool zeroSplits)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return;
        }

        var (low, high) = (finite.Min(), finite.Max());
        if (high <= low)
        {
            high = low + 1;
        }

        var counts = new int[bins];
        foreach (var v in finite)
        {
            counts[Math.Min(bins - 1, (int)((v - low) / (high - low) * bins))]++;
        }

        const int Width = 1180, Height = 200, Bottom = 24;
        var most = counts.Max();
        var barWidth = (double)Width / bins;
        w.Write(string.Create(Invariant, $"<svg class=\"chart bars\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(label)} histogram\">"));
        for (var b = 0; b < bins; b++)
        {
            var from = low + ((high - low) * b / bins);
            var to = low + ((high - low) * (b + 1) / bins);
            var barHeight = most == 0 ? 0 : (Height - Bottom - 8) * counts[b] / (double)most;
            var negative = zeroSplits && to <= 0;
            w.Write(string.Create(Invariant, $"<rect{(negative ? " class=\"neg\"" : string.Empty)} x=\"{(b * barWidth) + 1:0.#}\" y=\"{Height - Bottom - barHeight:0.#}\" width=\"{barWidth - 2:0.#}\" height=\"{barHeight:0.#}\"><title>{Encode($"{Number(from)} to {Number(to)}: {counts[b]:N0}")}</title></rect>"));
        }

        w.Write(string.Create(Invariant, $"<text x=\"0\" y=\"{Height - 6}\">{Encode(Number(low))}</text><text x=\"{Width}\" y=\"{Height - 6}\" text-anchor=\"end\">{Encode(Number(high))}</text></svg>"));
    }

    /// <summary>White (worst) to the accent blue (best).</summary>
    private static string Shade(double goodness)
    {
        var g = Math.Clamp(goodness, 0, 1);
        int Mix(int from, int to) => (int)Math.Round(from + ((to - from) * g));
        return string.Create(Invariant, $"rgb({Mix(254, 96)},{Mix(242, 165)},{Mix(242, 250)})");
    }

    private static string Key(object value) => StrategyParameter.Format(value);

    private static string Number(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("0.####", Invariant);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
