namespace Trading.Optimization;

/// <summary>One of CSCV's splits of the history: the trial that scored best in-sample and how it ranked out-of-sample.</summary>
/// <param name="InSampleBlocks">The blocks of the in-sample half as bits (block 0, the oldest, is bit 0); the rest are out-of-sample.</param>
/// <param name="ChosenTrial">The index of the trial with the best in-sample score (the lowest index among equals).</param>
/// <param name="InSample">The chosen trial's in-sample score.</param>
/// <param name="OutOfSample">The chosen trial's out-of-sample score.</param>
/// <param name="RelativeRank">ω̄ = its out-of-sample rank / (N + 1), rank 1 the worst and N the best, equal scores
/// sharing the mean of their ranks.</param>
/// <param name="Logit">λ = ln(ω̄ / (1 - ω̄)): at or below 0 when the chosen trial did no better than the median out-of-sample.</param>
public readonly record struct CscvSplit(int InSampleBlocks, int ChosenTrial, double InSample, double OutOfSample, double RelativeRank, double Logit)
{
    /// <summary>Whether the in-sample choice did no better than the median trial out-of-sample (λ ≤ 0).</summary>
    public bool Overfit => Logit <= 0;
}
