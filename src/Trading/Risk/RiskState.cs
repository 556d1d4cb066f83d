namespace Trading.Risk;

/// <summary>What pre-trade risk must remember across a restart: the kill switch, the session's starting equity and
/// whether its daily loss limit was passed, and the times of the orders still inside the rate window. Small, and
/// serialisable as it is (System.Text.Json, any naming policy).</summary>
/// <remarks>Times are UTC. <see cref="PreTradeRisk.Snapshot"/> makes one; <see cref="PreTradeRisk"/>'s constructor
/// takes one back and refuses one that contradicts itself, so a node fails closed on a damaged record.</remarks>
public sealed record RiskState
{
    /// <summary>True while the kill switch is on.</summary>
    public bool Halted { get; init; }

    /// <summary>Why trading was halted, while it is.</summary>
    public string? HaltReason { get; init; }

    /// <summary>When trading was halted, while it is.</summary>
    public DateTime? HaltedSince { get; init; }

    /// <summary>Who last resumed trading, and when (null before the first resume): for the record, not for a check.</summary>
    public string? ResumedBy { get; init; }

    public DateTime? ResumedAt { get; init; }

    /// <summary>The trading session the daily loss is measured in (null before one was seen, or with no daily loss limit).</summary>
    public DateOnly? Session { get; init; }

    /// <summary>Equity when the session was first seen: what the daily loss is measured from.</summary>
    public decimal? SessionStartEquity { get; init; }

    /// <summary>The equity seen when the daily loss limit was passed this session, and when; null while it has not been.</summary>
    public decimal? LossLimitHitEquity { get; init; }

    public DateTime? LossLimitHitAt { get; init; }

    /// <summary>The times of the orders accepted inside the last rate window, oldest first.</summary>
    public IReadOnlyList<DateTime> RecentOrderTimes { get; init; } = [];

    /// <summary>Every contradiction in the record, one line each; empty when it can be restored.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Halted && (string.IsNullOrWhiteSpace(HaltReason) || HaltedSince is null))
        {
            problems.Add("a halted state needs the halt's reason and time");
        }

        if (!Halted && (HaltReason is not null || HaltedSince is not null))
        {
            problems.Add("a state that is not halted has no halt reason or time");
        }

        if (HaltReason is { Length: > PreTradeRisk.MaxTextLength })
        {
            problems.Add($"the halt reason is longer than {PreTradeRisk.MaxTextLength} characters");
        }

        if ((ResumedBy is null) != (ResumedAt is null) || ResumedBy is { Length: > PreTradeRisk.MaxTextLength })
        {
            problems.Add($"who resumed and when go together, the name at most {PreTradeRisk.MaxTextLength} characters");
        }

        if (Session is null && (SessionStartEquity is not null || LossLimitHitEquity is not null || LossLimitHitAt is not null))
        {
            problems.Add("a session's starting equity or loss needs the session");
        }

        if (Session is not null && SessionStartEquity is null)
        {
            problems.Add("a session needs its starting equity");
        }

        if ((LossLimitHitEquity is null) != (LossLimitHitAt is null))
        {
            problems.Add("the equity and the time the daily loss limit was passed go together");
        }

        if (RecentOrderTimes is null)
        {
            problems.Add("the recent order times are missing (an empty list when there are none)");
        }
        else
        {
            for (var i = 1; i < RecentOrderTimes.Count; i++)
            {
                if (RecentOrderTimes[i] < RecentOrderTimes[i - 1])
                {
                    problems.Add("the recent order times must be oldest first");
                    break;
                }
            }
        }

        return problems;
    }
}
