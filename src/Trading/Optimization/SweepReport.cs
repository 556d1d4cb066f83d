using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Trading.Backtesting;
using Trading.Strategies;

namespace Trading.Optimization;

/// <summary>A search's ranking, every finished trial with its parameters, objective, whether it keeps the constraints
/// and every metric: as JSON (with the search's counts) and as CSV (one row a trial).</summary>
public sealed record SweepReport(SearchSpace Space, SweepResult Result, SweepMetric Objective, IReadOnlyList<TrialConstraint> Constraints)
{
    /// <summary>Every finished trial, best first (<see cref="SweepRanking"/>).</summary>
    public IReadOnlyList<RankedTrial> Ranked { get; } = SweepRanking.Rank(Result.Trials, Objective, Constraints);

    /// <summary>The rungs of a halving search, whose last rung's trials <see cref="Result"/> holds; null for a
    /// grid or random search.</summary>
    public HalvingResult? Halving { get; init; }

    /// <summary>Trials that break a constraint (ranked after all that keep them).</summary>
    public int FailedConstraints => Ranked.Count(r => !r.ConstraintsMet);

    /// <summary>How much the best trial owes to the search (null when no trial finished).</summary>
    public SearchOverfitting? Overfitting => _overfitting ??= Ranked.Count == 0 ? null
        : Halving is not null && HalvingReport.Unmeasured(Halving) is { } why ? new SearchOverfitting(null, why, null, why, Ranked[0].Trial.PeriodsPerYear)
        : SearchOverfitting.Of(Result.Trials, Ranked[0].Trial);

    private SearchOverfitting? _overfitting;

    /// <summary>The best trial's deflated Sharpe ratio and the search's PBO, each with its plain-words reading.</summary>
    private void WriteOverfitting(Utf8JsonWriter json)
    {
        if (Overfitting is not { } overfitting)
        {
            return;
        }

        json.WriteStartObject("overfitting");
        json.WriteStartObject("deflated_sharpe");
        if (overfitting.Deflated is { } deflated)
        {
            json.WriteNumber("probability", deflated.Probability);
            json.WriteNumber("sharpe_annual", DeflatedSharpe.Annualised(deflated.Sharpe, overfitting.PeriodsPerYear));
            json.WriteNumber("luck_sharpe_annual", DeflatedSharpe.Annualised(deflated.ExpectedMaximumSharpe, overfitting.PeriodsPerYear));
            json.WriteNumber("trials", deflated.Trials);
            json.WriteNumber("observations", deflated.Observations);
            json.WriteNumber("skewness", deflated.Skewness);
            json.WriteNumber("kurtosis", deflated.Kurtosis);
            json.WriteString("explanation", deflated.Explain(overfitting.PeriodsPerYear));
        }
        else
        {
            json.WriteString("not_computed", overfitting.DeflatedNote);
        }

        json.WriteEndObject();
        json.WriteStartObject("pbo");
        if (overfitting.Cscv is { } cscv)
        {
            json.WriteNumber("probability", cscv.ProbabilityOfOverfitting);
            json.WriteNumber("probability_of_loss", cscv.ProbabilityOfLoss);
            json.WriteNumber("blocks", cscv.Blocks);
            json.WriteNumber("splits", cscv.Splits.Count);
            json.WriteNumber("degradation_slope", cscv.DegradationSlope);
            json.WriteString("explanation", cscv.Explain());
        }
        else
        {
            json.WriteString("not_computed", overfitting.CscvNote);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("strategy", Space.Definition.Name);
        json.WriteString("method", Result.Plan.Method.ToString().ToLowerInvariant());
        if (Result.Plan.Seed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }

        json.WriteString("objective", Objective.Name);
        json.WriteString("objective_better", Objective.Better == MetricDirection.Higher ? "higher" : "lower");
        json.WriteStartArray("constraints");
        foreach (var constraint in Constraints)
        {
            json.WriteStringValue(constraint.ToString());
        }

        json.WriteEndArray();
        json.WriteStartArray("ranges");
        foreach (var range in Space.Ranges)
        {
            json.WriteStringValue(range.Text);
        }

        json.WriteEndArray();
        json.WriteNumber("grid_size", Result.Plan.GridSize);
        json.WriteNumber("skipped_by_rules", Result.Plan.SkippedByRules);
        json.WriteNumber("trials_planned", Result.Plan.Trials.Count);
        json.WriteNumber("trials_run", Result.Trials.Count);
        json.WriteNumber("failed_constraints", FailedConstraints);
        json.WriteBoolean("cancelled", Result.Cancelled);
        json.WriteNumber("bar_events", Result.BarEvents);
        json.WriteNumber("elapsed_seconds", Math.Round(Result.Elapsed.TotalSeconds, 3));
        if (Halving is not null)
        {
            HalvingReport.WriteJson(json, Halving, Objective, Constraints);
        }

        WriteOverfitting(json);
        json.WriteStartArray("trials");
        foreach (var ranked in Ranked)
        {
            var trial = ranked.Trial;
            json.WriteStartObject();
            json.WriteNumber("rank", ranked.Rank);
            json.WriteNumber("trial", trial.Number);
            json.WriteStartObject("parameters");
            foreach (var (name, value) in trial.Parameters)
            {
                json.WritePropertyName(name);
                ParameterJson.WriteValue(json, value);
            }

            json.WriteEndObject();
            json.WritePropertyName("objective");
            ParameterJson.WriteValue(json, ranked.Objective);
            json.WriteBoolean("constraints_met", ranked.ConstraintsMet);
            json.WriteStartObject("metrics");
            foreach (var metric in SweepMetric.All)
            {
                json.WritePropertyName(metric.Name);
                ParameterJson.WriteValue(json, metric.Value(trial));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>rank, trial, each parameter, objective, constraints_met, each metric; an empty cell where a run has no
    /// value (NaN), numbers in the invariant culture. A halving search's rows start with the rung, its last bar and
    /// whether the trial went on to the next rung, the ranked rung's rows first, then the earlier rungs'.</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var parameters = Space.Definition.Parameters;
        var header = new List<string>();
        if (Halving is not null)
        {
            header.AddRange(["rung", "rung_end", "survived"]);
        }

        header.AddRange(["rank", "trial"]);
        header.AddRange(parameters.Select(p => p.Name));
        header.Add("objective");
        header.Add("constraints_met");
        header.AddRange(SweepMetric.All.Select(m => m.Name));
        writer.WriteLine(string.Join(',', header));
        var row = new StringBuilder();
        IEnumerable<(HalvingRungResult? Rung, IReadOnlyList<RankedTrial> Ranked)> sections = Halving is null ? [(null, Ranked)] : HalvingReport.RungsForCsv(Halving, Ranked, Objective, Constraints);
        foreach (var (rung, ranking) in sections)
        {
            foreach (var ranked in ranking)
            {
                row.Clear();
                if (rung is not null)
                {
                    var survived = rung.Rung.IsWholeRange || rung.Survivors.Count == 0 ? string.Empty : rung.Survivors.Contains(ranked.Trial.Number) ? "true" : "false";
                    row.Append(rung.Rung.Number.ToString(CultureInfo.InvariantCulture)).Append(',').Append(HalvingReport.Format(rung.Rung.End)).Append(',').Append(survived).Append(',');
                }

                WriteRow(row, ranked, parameters);
                writer.WriteLine(row);
            }
        }
    }

    private static void WriteRow(StringBuilder row, RankedTrial ranked, IReadOnlyList<StrategyParameter> parameters)
    {
        row.Append(ranked.Rank.ToString(CultureInfo.InvariantCulture)).Append(',').Append(ranked.Trial.Number.ToString(CultureInfo.InvariantCulture));
        foreach (var parameter in parameters)
        {
            row.Append(',').Append(Cell(StrategyParameter.Format(ranked.Trial.Parameters[parameter.Name])));
        }

        row.Append(',').Append(Number(ranked.Objective)).Append(',').Append(ranked.ConstraintsMet ? "true" : "false");
        foreach (var metric in SweepMetric.All)
        {
            row.Append(',').Append(Number(metric.Value(ranked.Trial)));
        }
    }

    private static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Cell(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
