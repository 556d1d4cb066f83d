namespace Trading.Portfolio;

/// <summary>Portfolio-level limits applied after construction: the largest weight of one position, the number of
/// positions, gross exposure, a cash buffer kept back, and no new buys while the account is in a deep drawdown.</summary>
/// <remarks>The defaults limit nothing except what a cash account imposes anyway (gross exposure of 1).</remarks>
public sealed record RiskRules
{
    /// <summary>The largest weight one position may have (default 1: no cap).</summary>
    public double MaxPositionWeight { get; init; } = 1.0;

    /// <summary>The most positions held at once (default null: no limit).</summary>
    public int? MaxPositions { get; init; }

    /// <summary>The largest sum of absolute weights (default 1: fully invested, no leverage).</summary>
    public double MaxGrossExposure { get; init; } = 1.0;

    /// <summary>The fraction of equity kept in cash, never spent on buys (default 0).</summary>
    public double MinCashBuffer { get; init; }

    /// <summary>While equity is more than this fraction below its high-water mark, open nothing new and add to
    /// nothing held (default 1: never halts).</summary>
    public double DrawdownLimitForBuys { get; init; } = 1.0;

    /// <summary>The gross exposure the portfolio may actually use: the exposure limit, less the cash buffer.</summary>
    public double Budget => Math.Min(MaxGrossExposure, 1 - MinCashBuffer);

    /// <summary>Every problem with these limits, one line each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(MaxPositionWeight > 0 && MaxPositionWeight <= 10))
        {
            problems.Add(FormattableString.Invariant($"max_position_weight must be above 0 and at most 10; got {MaxPositionWeight}"));
        }

        if (MaxPositions is < 1)
        {
            problems.Add(FormattableString.Invariant($"max_positions must be at least 1; got {MaxPositions}"));
        }

        if (!(MaxGrossExposure > 0 && MaxGrossExposure <= 10))
        {
            problems.Add(FormattableString.Invariant($"max_gross_exposure must be above 0 and at most 10; got {MaxGrossExposure}"));
        }

        if (!(MinCashBuffer >= 0 && MinCashBuffer < 1))
        {
            problems.Add(FormattableString.Invariant($"min_cash_buffer must be at least 0 and below 1; got {MinCashBuffer}"));
        }

        if (!(DrawdownLimitForBuys > 0 && DrawdownLimitForBuys <= 1))
        {
            problems.Add(FormattableString.Invariant($"the drawdown limit for buys must be above 0 and at most 1; got {DrawdownLimitForBuys}"));
        }

        return problems;
    }

}
