using Microsoft.Extensions.Options;

namespace Trading.Server.Backtests;

/// <summary>How much of its finished backtests the server keeps, bound from the <c>Server</c> section next to
/// <c>Server:BacktestsKept</c>: a budget in bytes for all kept results, and a cap on the rows one result lists.</summary>
internal sealed class ResultRetention
{
    public const long DefaultBudgetBytes = 256L * 1024 * 1024;

    /// <summary>The smallest budget accepted: less is almost surely a unit mistake (megabytes meant as bytes).</summary>
    public const long SmallestBudgetBytes = 1024 * 1024;

    /// <summary>The compressed bytes all kept results may take together; the oldest finished are forgotten first.</summary>
    public long BacktestResultsBudgetBytes { get; set; } = DefaultBudgetBytes;

    /// <summary>The most round trips, fills, orders and rebalances one kept result lists (each); the rest are counted
    /// in a warning of the result. The metrics are computed from all of them before the cut.</summary>
    public int BacktestResultRows { get; set; } = 100_000;

    public string? Problem()
    {
        if (BacktestResultsBudgetBytes < SmallestBudgetBytes)
        {
            return $"Server:BacktestResultsBudgetBytes is in bytes and must be at least {SmallestBudgetBytes} (1 MiB); got {BacktestResultsBudgetBytes}.";
        }

        return BacktestResultRows < 1
            ? $"Server:BacktestResultRows must be at least 1; got {BacktestResultRows}."
            : null;
    }
}

/// <summary>Names the bad retention setting when the host starts.</summary>
internal sealed class ResultRetentionValidator : IValidateOptions<ResultRetention>
{
    public ValidateOptionsResult Validate(string? name, ResultRetention options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
