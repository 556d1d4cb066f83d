namespace Trading.Server.Optimizations;

/// <summary>A search as the status route shows it: trials done of all planned, the best so far, and links to its
/// ranking once it has one.</summary>
internal sealed record OptimizationView(
    string Id,
    OptimizationStatus Status,
    string Strategy,
    string Method,
    string Objective,
    IReadOnlyList<string> Ranges,
    IReadOnlyList<string> Constraints,
    int Jobs,
    long GridSize,
    long SkippedByRules,
    int TrialsPlanned,
    int TrialsDone,
    double Progress,
    OptimizationBest? Best,
    double? RemainingSeconds,
    int? FailedConstraints,
    IReadOnlyList<string>? Symbols,
    DateTime SubmittedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? Error,
    IReadOnlyDictionary<string, string> Links)
{
    public static OptimizationView Of(OptimizationJob job)
    {
        var self = $"/api/v1/optimizations/{job.Id}";
        var links = new Dictionary<string, string>(StringComparer.Ordinal) { ["self"] = self };
        var status = job.Status;
        var finished = status is OptimizationStatus.Succeeded or OptimizationStatus.Cancelled && job.Ranking is not null;
        if (finished)
        {
            links["result"] = self + "/result";
            links["report"] = self + "/report";
        }

        var progress = job.Progress;
        var planned = job.TrialsPlanned;
        var done = finished ? job.TrialsRun : progress?.Done ?? 0;
        return new OptimizationView(
            job.Id,
            status,
            job.Space.Definition.Name,
            job.Plan.Method.ToString().ToLowerInvariant(),
            job.Objective.Name,
            [.. job.Space.Ranges.Select(r => r.Text)],
            [.. job.Constraints.Select(c => c.ToString())],
            job.Jobs,
            job.Plan.GridSize,
            job.Plan.SkippedByRules,
            planned,
            done,
            planned == 0 ? 0 : (double)done / planned,
            progress?.Best is { } best ? new OptimizationBest(best.Number, best.Parameters, double.IsFinite(job.Objective.Value(best)) ? job.Objective.Value(best) : null) : null,
            status == OptimizationStatus.Running ? progress?.Remaining?.TotalSeconds : null,
            finished ? job.FailedConstraints : null,
            job.Symbols?.Select(s => s.Value).ToArray(),
            job.SubmittedAt,
            job.StartedAt,
            job.FinishedAt,
            job.Error,
            links);
    }
}

/// <summary>The best trial so far by the objective alone (constraints are weighed in the final ranking).</summary>
internal sealed record OptimizationBest(int Trial, IReadOnlyDictionary<string, object> Parameters, double? Objective);
