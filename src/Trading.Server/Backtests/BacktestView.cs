using Trading.Strategies;

namespace Trading.Server.Backtests;

/// <summary>A backtest job as the status route shows it, with links to its results once it has them.</summary>
internal sealed record BacktestView(
    string Id,
    BacktestStatus Status,
    double Progress,
    string Strategy,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyDictionary<string, ParameterSource> ParameterSources,
    IReadOnlyList<string>? Symbols,
    DateTime SubmittedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? Error,
    decimal? FinalEquity,
    IReadOnlyDictionary<string, string> Links)
{
    public static BacktestView Of(BacktestJob job)
    {
        var self = $"/api/v1/backtests/{job.Id}";
        var links = new Dictionary<string, string>(StringComparer.Ordinal) { ["self"] = self };
        var status = job.Status;
        if (status == BacktestStatus.Succeeded)
        {
            links["result"] = self + "/result";
            links["report"] = self + "/report";
        }

        return new BacktestView(
            job.Id,
            status,
            job.Progress,
            job.Strategy.Name,
            job.Parameters.Values,
            job.ParameterSources,
            job.Symbols?.Select(s => s.Value).ToArray(),
            job.SubmittedAt,
            job.StartedAt,
            job.FinishedAt,
            job.Error,
            status == BacktestStatus.Succeeded ? job.Result?.FinalEquity : null,
            links);
    }
}
