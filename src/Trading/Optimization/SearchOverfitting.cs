namespace Trading.Optimization;

/// <summary>How much a search's best result owes to the search: the deflated Sharpe ratio of the chosen trial against
/// the best of that many trials by luck alone, and the probability of backtest overfitting by CSCV over every trial's
/// returns. Each is null, with the reason, when the search cannot give it (too few trials or returns).</summary>
public sealed record SearchOverfitting(DeflatedSharpe? Deflated, string? DeflatedNote, CscvResult? Cscv, string? CscvNote, double PeriodsPerYear)
{
    /// <summary>The statistics of <paramref name="chosen"/>, the search's best by its objective, among
    /// <paramref name="trials"/> (all that ran), with CSCV over <paramref name="blocks"/> time blocks.</summary>
    public static SearchOverfitting Of(IReadOnlyList<TrialResult> trials, TrialResult chosen, int blocks = Optimization.Cscv.DefaultBlocks)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(chosen);
        DeflatedSharpe? deflated = null;
        string? deflatedNote = null;
        CscvResult? cscv = null;
        string? cscvNote = null;
        try
        {
            var sharpes = new double[trials.Count];
            for (var i = 0; i < trials.Count; i++)
            {
                sharpes[i] = ReturnMoments.Of(trials[i].Returns).Sharpe;
            }

            deflated = DeflatedSharpe.Of(chosen.Returns, sharpes);
        }
        catch (ArgumentException e)
        {
            deflatedNote = e.Message;
        }

        if (trials.Count < 2)
        {
            cscvNote = "one trial: nothing was chosen among others";
        }
        else
        {
            try
            {
                cscv = Optimization.Cscv.Evaluate([.. trials.Select(t => t.Returns)], blocks);
            }
            catch (ArgumentException e)
            {
                cscvNote = e.Message;
            }
        }

        return new SearchOverfitting(deflated, deflatedNote, cscv, cscvNote, chosen.PeriodsPerYear);
    }
}
