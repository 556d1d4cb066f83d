using System.Globalization;

namespace Trading.Optimization;

/// <summary>What CSCV found: every split's choice and its out-of-sample fate, the probability of backtest overfitting
/// (PBO) and the figures that go with it in the paper.</summary>
public sealed record CscvResult
{
    /// <summary>How many trials were compared (N).</summary>
    public required int Trials { get; init; }

    /// <summary>How many blocks the history was cut into (S).</summary>
    public required int Blocks { get; init; }

    /// <summary>How many returns each block holds.</summary>
    public required int ReturnsPerBlock { get; init; }

    /// <summary>How many of the oldest returns were left out so the blocks are equal (T mod S).</summary>
    public required int SkippedReturns { get; init; }

    /// <summary>The name of the metric the trials were scored by.</summary>
    public required string Metric { get; init; }

    /// <summary>Every split, C(S, S/2) of them, in-sample blocks in lexicographic order.</summary>
    public required IReadOnlyList<CscvSplit> Splits { get; init; }

    /// <summary>PBO: the share of splits whose in-sample choice did no better than the median out-of-sample (λ ≤ 0).</summary>
    public double ProbabilityOfOverfitting => Share(static s => s.Overfit);

    /// <summary>The share of splits whose in-sample choice scored below 0 out-of-sample.</summary>
    public double ProbabilityOfLoss => Share(static s => s.OutOfSample < 0);

    /// <summary>The logits λ of every split, in split order: the distribution to draw as a histogram.</summary>
    public required IReadOnlyList<double> Logits { get; init; }

    /// <summary>The mean in-sample score of the chosen trials.</summary>
    public double MeanInSample => Splits.Count == 0 ? 0 : Splits.Average(s => s.InSample);

    /// <summary>The mean out-of-sample score of the chosen trials.</summary>
    public double MeanOutOfSample => Splits.Count == 0 ? 0 : Splits.Average(s => s.OutOfSample);

    /// <summary>The slope of the least-squares line of out-of-sample on in-sample score over the splits (the paper's
    /// performance degradation; negative when a better in-sample score promises a worse one out-of-sample), 0 when
    /// the in-sample scores do not vary.</summary>
    public double DegradationSlope
    {
        get
        {
            double meanIn = MeanInSample, meanOut = MeanOutOfSample, covariance = 0, variance = 0;
            foreach (var s in Splits)
            {
                covariance += (s.InSample - meanIn) * (s.OutOfSample - meanOut);
                variance += (s.InSample - meanIn) * (s.InSample - meanIn);
            }

            return variance > 0 ? covariance / variance : 0;
        }
    }

    /// <summary>The result in a trader's words: how often the best in-sample trial disappointed out-of-sample, and
    /// by how much its score fell.</summary>
    public string Explain() => string.Create(
        CultureInfo.InvariantCulture,
        $"Over {Splits.Count:N0} ways of splitting the history into halves, the trial that looked best in one half did no better than the median trial in the other {DeflatedSharpe.Percent(ProbabilityOfOverfitting, roundDown: false)} of the time: that is the probability the search picked a fluke (PBO). "
        + $"The chosen trial's {Metric} averaged {MeanInSample:0.000} in-sample and {MeanOutOfSample:0.000} out-of-sample, below zero in {DeflatedSharpe.Percent(ProbabilityOfLoss, roundDown: false)} of the splits.");

    private double Share(Func<CscvSplit, bool> counted)
    {
        if (Splits.Count == 0)
        {
            return 0;
        }

        var count = 0;
        foreach (var s in Splits)
        {
            count += counted(s) ? 1 : 0;
        }

        return (double)count / Splits.Count;
    }
}
