using Trading.Optimization;

namespace Trading.Tests.Optimization;

public class OverfittingCscvTests
{
    [Fact]
    public void Four_blocks_and_three_trials_worked_by_hand()
    {
        // One return a block, scored by the mean return. A is lucky once, B is steady, C wins in two blocks:
        //          block 0  1  2  3
        //   A             4  0  0  0
        //   B             2  2  2  2
        //   C             0  3  0  3
        // Sums over each pair of blocks (the means are half these):
        //   pair  {0,1} {0,2} {0,3} {1,2} {1,3} {2,3}
        //   A       4     4     4     0     0     0
        //   B       4     4     4     4     4     4
        //   C       3     0     3     3     6     3
        // In-sample -> chosen (ties to the lowest index) -> out-of-sample (the complement) -> rank (ties share) -> ω̄ = rank / 4:
        //   {0,1}: A 4 = B 4 > C 3 -> A; {2,3}: A 0 < C 3 < B 4 -> rank 1   -> 0.25,  λ = ln(1/3)
        //   {0,2}: A 4 = B 4 > C 0 -> A; {1,3}: A 0 < B 4 < C 6 -> rank 1   -> 0.25,  λ = ln(1/3)
        //   {0,3}: A 4 = B 4 > C 3 -> A; {1,2}: A 0 < C 3 < B 4 -> rank 1   -> 0.25,  λ = ln(1/3)
        //   {1,2}: B 4 > C 3 > A 0 -> B; {0,3}: C 3 < A 4 = B 4 -> rank 2.5 -> 0.625, λ = ln(5/3)
        //   {1,3}: C 6 > B 4 > A 0 -> C; {0,2}: C 0 < A 4 = B 4 -> rank 1   -> 0.25,  λ = ln(1/3)
        //   {2,3}: B 4 > C 3 > A 0 -> B; {0,1}: C 3 < A 4 = B 4 -> rank 2.5 -> 0.625, λ = ln(5/3)
        // Four of six splits have λ ≤ 0: PBO = 2/3.
        double[][] trials = [[4, 0, 0, 0], [2, 2, 2, 2], [0, 3, 0, 3]];

        var result = Cscv.Evaluate(trials, blocks: 4, CscvMetric.MeanReturn);

        var lose = Math.Log(1.0 / 3);
        var win = Math.Log(5.0 / 3);
        CscvSplit[] expected =
        [
            new(0b0011, 0, 2, 0, 0.25, lose),
            new(0b0101, 0, 2, 0, 0.25, lose),
            new(0b1001, 0, 2, 0, 0.25, lose),
            new(0b0110, 1, 2, 2, 0.625, win),
            new(0b1010, 2, 3, 0, 0.25, lose),
            new(0b1100, 1, 2, 2, 0.625, win),
        ];
        Assert.Equal(expected.Length, result.Splits.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = result.Splits[i];
            Assert.Equal(expected[i].InSampleBlocks, actual.InSampleBlocks);
            Assert.Equal(expected[i].ChosenTrial, actual.ChosenTrial);
            Assert.Equal(expected[i].InSample, actual.InSample, 12);
            Assert.Equal(expected[i].OutOfSample, actual.OutOfSample, 12);
            Assert.Equal(expected[i].RelativeRank, actual.RelativeRank, 12);
            Assert.Equal(expected[i].Logit, actual.Logit, 12);
        }

        Assert.Equal(2.0 / 3, result.ProbabilityOfOverfitting, 12);
        Assert.Equal(0, result.ProbabilityOfLoss);
        Assert.Equal(expected.Length, result.Logits.Count);
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.Equal(expected[i].Logit, result.Logits[i], 12));
        Assert.Equal(13.0 / 6, result.MeanInSample, 12);
        Assert.Equal(4.0 / 6, result.MeanOutOfSample, 12);
        Assert.Equal((3, 4, 1, 0), (result.Trials, result.Blocks, result.ReturnsPerBlock, result.SkippedReturns));

        // Degradation: in-sample 2, 2, 2, 2, 3, 2 against out-of-sample 0, 0, 0, 2, 0, 2; means 13/6 and 2/3;
        // Σ (x - x̄)(y - ȳ) = 5 × (-1/6)(y - 2/3) + (5/6)(-2/3) = -(1/6)(-2/3 × 3 + 4/3 × 2) - 5/9 = -1/9 - 5/9 = -2/3;
        // Σ (x - x̄)² = 5/36 + 25/36 = 5/6; slope -4/5.
        Assert.Equal(-0.8, result.DegradationSlope, 12);
    }

    [Fact]
    public void Explains_the_hand_worked_case_in_a_traders_words()
    {
        double[][] trials = [[4, 0, 0, 0], [2, 2, 2, 2], [0, 3, 0, 3]];

        var result = Cscv.Evaluate(trials, blocks: 4, CscvMetric.MeanReturn);

        Assert.Equal(
            "Over 6 ways of splitting the history into halves, the trial that looked best in one half did no better than the median trial in the other 67% of the time: "
            + "that is the probability the search picked a fluke (PBO). "
            + "The chosen trial's mean return per period averaged 2.167 in-sample and 0.667 out-of-sample, below zero in 0% of the splits.",
            result.Explain());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Agrees_with_a_plain_reading_of_the_paper_that_concatenates_each_half(int seed)
    {
        // 63 returns, 6 blocks of 10: the 3 oldest are left out. The reference scores each half from its returns
        // laid end to end, exactly as the paper states the method.
        var trials = Noise(seed, trials: 5, periods: 63);
        foreach (var metric in new[] { CscvMetric.Sharpe, CscvMetric.Sortino, CscvMetric.MeanReturn })
        {
            var result = Cscv.Evaluate(trials, blocks: 6, metric);
            var reference = Reference(trials, blocks: 6, metric);

            Assert.Equal(3, result.SkippedReturns);
            Assert.Equal(reference.Count, result.Splits.Count);
            for (var i = 0; i < reference.Count; i++)
            {
                Assert.Equal(reference[i].InSampleBlocks, result.Splits[i].InSampleBlocks);
                Assert.Equal(reference[i].ChosenTrial, result.Splits[i].ChosenTrial);
                Assert.Equal(reference[i].InSample, result.Splits[i].InSample, 10);
                Assert.Equal(reference[i].OutOfSample, result.Splits[i].OutOfSample, 10);
                Assert.Equal(reference[i].RelativeRank, result.Splits[i].RelativeRank, 12);
            }
        }
    }

    [Fact]
    public void Pure_noise_trials_come_out_overfit_about_half_the_time_or_more()
    {
        // One history of noise can favour a few trials in both halves by its own luck, so a single PBO on noise
        // spreads widely (0.16 to 0.93 over 30 seeds); over many histories it centres near one half.
        var probabilities = new List<double>();
        for (var seed = 1; seed <= 16; seed++)
        {
            var result = Cscv.Evaluate(Noise(seed, trials: 50, periods: 1000));

            Assert.Equal(12870, result.Splits.Count);
            Assert.True(
                result.MeanOutOfSample < 0.4 * result.MeanInSample,
                $"seed {seed}: the chosen noise kept {result.MeanOutOfSample} of {result.MeanInSample} out-of-sample");
            probabilities.Add(result.ProbabilityOfOverfitting);
        }

        Assert.InRange(probabilities.Average(), 0.4, 0.7);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void A_planted_edge_is_found_out_of_sample_and_pbo_is_near_zero(int seed)
    {
        var trials = Noise(seed, trials: 50, periods: 1000);
        for (var t = 0; t < trials[17].Length; t++)
        {
            trials[17][t] += 0.3;
        }

        var result = Cscv.Evaluate(trials);

        Assert.True(result.ProbabilityOfOverfitting < 0.01, $"PBO {result.ProbabilityOfOverfitting} with a real edge");
        Assert.True(result.Splits.Count(s => s.ChosenTrial == 17) > 0.99 * result.Splits.Count);
        Assert.True(result.MeanOutOfSample > 0.2, $"{result.MeanOutOfSample}");
    }

    [Fact]
    public void Every_split_has_its_mirror_with_halves_swapped()
    {
        var result = Cscv.Evaluate(Noise(5, trials: 4, periods: 160), blocks: 8);

        var masks = result.Splits.Select(s => s.InSampleBlocks).ToHashSet();
        Assert.Equal(70, masks.Count);
        Assert.All(masks, m => Assert.Contains(~m & 0xFF, masks));
        Assert.All(masks, m => Assert.Equal(4, System.Numerics.BitOperations.PopCount((uint)m)));
    }

    [Fact]
    public void The_same_returns_give_the_same_result_by_trial_or_as_a_matrix()
    {
        var trials = Noise(8, trials: 6, periods: 200);
        var matrix = new double[200, 6];
        for (var n = 0; n < 6; n++)
        {
            for (var t = 0; t < 200; t++)
            {
                matrix[t, n] = trials[n][t];
            }
        }

        var first = Cscv.Evaluate(trials, blocks: 10);
        var again = Cscv.Evaluate(trials, blocks: 10);
        var fromMatrix = Cscv.Evaluate(matrix, blocks: 10);

        Assert.Equal(first.Splits, again.Splits);
        Assert.Equal(first.Splits, fromMatrix.Splits);
    }

    [Fact]
    public void A_flat_trial_scores_zero_not_a_huge_sharpe_from_rounding()
    {
        // 0.1 cannot be held exactly: its block means and their mean differ in the last bits.
        var trials = Noise(3, trials: 3, periods: 64);
        trials[1] = Enumerable.Repeat(0.1, 64).ToArray();

        var result = Cscv.Evaluate(trials, blocks: 8);

        Assert.All(result.Splits.Where(s => s.ChosenTrial == 1), s => Assert.Equal(0, s.InSample));
        Assert.All(result.Splits, s => Assert.True(Math.Abs(s.InSample) < 10, $"{s.InSample}"));
    }

    [Fact]
    public void Refuses_what_cannot_be_split()
    {
        Assert.Throws<ArgumentException>(() => Cscv.Evaluate([[0.1, 0.2, 0.3, 0.4]], blocks: 2));
        Assert.Throws<ArgumentException>(() => Cscv.Evaluate([[0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3]], blocks: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cscv.Evaluate(Noise(1, 3, 100), blocks: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cscv.Evaluate(Noise(1, 3, 100), blocks: 22));
        Assert.Throws<ArgumentException>(() => Cscv.Evaluate(Noise(1, 3, 15), blocks: 16));
        Assert.Throws<ArgumentException>(() => Cscv.Evaluate([[0.1, double.NaN, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4]], blocks: 2));
    }

    /// <summary>Standard normal returns from a seeded generator (Box–Muller), one array per trial.</summary>
    internal static double[][] Noise(int seed, int trials, int periods)
    {
        var random = new Random(seed);
        var returns = new double[trials][];
        for (var n = 0; n < trials; n++)
        {
            returns[n] = new double[periods];
            for (var t = 0; t < periods; t++)
            {
                returns[n][t] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            }
        }

        return returns;
    }

    private static List<CscvSplit> Reference(double[][] trials, int blocks, CscvMetric metric)
    {
        var perBlock = trials[0].Length / blocks;
        var skipped = trials[0].Length - (perBlock * blocks);
        var splits = new List<CscvSplit>();
        foreach (var inSample in Combinations(blocks, blocks / 2))
        {
            var outOfSample = Enumerable.Range(0, blocks).Except(inSample).ToArray();
            var inScores = trials.Select(r => Score(Half(r, inSample), metric)).ToArray();
            var outScores = trials.Select(r => Score(Half(r, outOfSample), metric)).ToArray();
            var best = Array.IndexOf(inScores, inScores.Max());

            // Midranks by sorting: the positions (1-based) the chosen trial's score occupies, averaged.
            var sorted = outScores.Order().ToArray();
            var first = Array.IndexOf(sorted, outScores[best]) + 1;
            var last = Array.LastIndexOf(sorted, outScores[best]) + 1;
            var omega = (first + last) / 2.0 / (trials.Length + 1);
            splits.Add(new CscvSplit(inSample.Sum(b => 1 << b), best, inScores[best], outScores[best], omega, Math.Log(omega / (1 - omega))));
        }

        return splits;

        double[] Half(double[] returns, int[] blockIndexes) =>
            blockIndexes.SelectMany(b => returns.Skip(skipped + (b * perBlock)).Take(perBlock)).ToArray();
    }

    private static double Score(double[] returns, CscvMetric metric)
    {
        var moments = ReturnMoments.Of(returns);
        var downside = returns.Sum(r => r < 0 ? r * r : 0);
        return metric.Score(new CscvMoments(returns.Length, moments.Mean, moments.StandardDeviation * moments.StandardDeviation, downside));
    }

    private static IEnumerable<int[]> Combinations(int n, int k, int from = 0)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = from; i <= n - k; i++)
        {
            foreach (var rest in Combinations(n, k - 1, i + 1))
            {
                yield return [i, .. rest];
            }
        }
    }
}
