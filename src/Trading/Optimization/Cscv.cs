namespace Trading.Optimization;

/// <summary>The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein,
/// López de Prado and Zhu, "The Probability of Backtest Overfitting", 2015/2017).</summary>
/// <remarks>
/// <para>The T × N matrix of per-period returns of N trials is cut by time into S equal blocks (the oldest T mod S
/// returns are left out so the blocks are equal, as the paper asks). For each of the C(S, S/2) ways to take S/2 blocks
/// as in-sample, in time order, and the other S/2 as out-of-sample: the trial with the best in-sample score is chosen,
/// its out-of-sample rank r among the N trials gives ω̄ = r / (N + 1) and λ = ln(ω̄ / (1 - ω̄)); PBO is the share of
/// splits with λ ≤ 0.</para>
/// <para>Ties are settled without regard to order of evaluation: in-sample, the lowest trial index wins; out-of-sample,
/// equal scores share the mean of their ranks. Each block's mean, centred sum of squares and downside squares are
/// computed once, so a split costs O(N × S) and C(16, 8) = 12,870 splits of 1,000 trials take a fraction of a second.</para>
/// </remarks>
public static class Cscv
{
    /// <summary>The default number of blocks, as the issue and the paper's examples.</summary>
    public const int DefaultBlocks = 16;

    /// <summary>The most blocks accepted: C(20, 10) = 184,756 splits.</summary>
    public const int MaxBlocks = 20;

    /// <summary>Runs CSCV over the trials' per-period returns, one array per trial, all of the same length and in the
    /// same time order.</summary>
    /// <param name="returnsByTrial">N ≥ 2 trials' returns, each T long, every value finite.</param>
    /// <param name="blocks">S: even, from 2 to <see cref="MaxBlocks"/>, with each half holding at least two returns.</param>
    /// <param name="metric">How trials are scored in each half; <see cref="CscvMetric.Sharpe"/> by default.</param>
    /// <exception cref="ArgumentException">Fewer than two trials, trials of unequal length, a value not finite, or too
    /// few returns for the blocks.</exception>
    public static CscvResult Evaluate(IReadOnlyList<double[]> returnsByTrial, int blocks = DefaultBlocks, CscvMetric? metric = null)
    {
        ArgumentNullException.ThrowIfNull(returnsByTrial);
        metric ??= CscvMetric.Sharpe;
        var trials = returnsByTrial.Count;
        if (trials < 2)
        {
            throw new ArgumentException($"CSCV ranks trials against each other: it needs at least two; got {trials}.", nameof(returnsByTrial));
        }

        if (blocks < 2 || blocks > MaxBlocks || blocks % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blocks), blocks, $"The blocks must be an even number from 2 to {MaxBlocks} (16 is usual).");
        }

        var length = Length(returnsByTrial);
        var perBlock = length / blocks;
        var half = blocks / 2;
        if (perBlock < 1 || half * perBlock < 2)
        {
            throw new ArgumentException(
                $"{length} returns cut into {blocks} blocks leave {perBlock} a block; each half needs at least two returns.",
                nameof(returnsByTrial));
        }

        var skipped = length - (perBlock * blocks);
        var sums = BlockSums.Of(returnsByTrial, blocks, perBlock, skipped);
        var splits = new CscvSplit[Binomial(blocks, half)];
        var inSample = new double[trials];
        var outOfSample = new double[trials];

        // The in-sample blocks in lexicographic order: {0..S/2-1} first, its complement last.
        Span<int> chosen = stackalloc int[half];
        for (var i = 0; i < half; i++)
        {
            chosen[i] = i;
        }

        for (var c = 0; c < splits.Length; c++)
        {
            var mask = 0;
            foreach (var b in chosen)
            {
                mask |= 1 << b;
            }

            sums.Score(mask, metric, inSample, outOfSample);
            splits[c] = Split(mask, inSample, outOfSample);
            NextCombination(chosen, blocks);
        }

        return new CscvResult
        {
            Trials = trials,
            Blocks = blocks,
            ReturnsPerBlock = perBlock,
            SkippedReturns = skipped,
            Metric = metric.Name,
            Splits = splits,
            Logits = Array.ConvertAll(splits, static s => s.Logit),
        };
    }

    /// <summary>Runs CSCV over a T × N matrix: row t holds every trial's return in period t.</summary>
    public static CscvResult Evaluate(double[,] returns, int blocks = DefaultBlocks, CscvMetric? metric = null)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var byTrial = new double[returns.GetLength(1)][];
        for (var n = 0; n < byTrial.Length; n++)
        {
            byTrial[n] = new double[returns.GetLength(0)];
            for (var t = 0; t < byTrial[n].Length; t++)
            {
                byTrial[n][t] = returns[t, n];
            }
        }

        return Evaluate(byTrial, blocks, metric);
    }

    private static CscvSplit Split(int mask, double[] inSample, double[] outOfSample)
    {
        var best = 0;
        for (var n = 1; n < inSample.Length; n++)
        {
            if (inSample[n] > inSample[best])
            {
                best = n;
            }
        }

        // Rank 1 is the worst; equal scores share the mean of the ranks they span.
        var score = outOfSample[best];
        int below = 0, equal = 0;
        for (var n = 0; n < outOfSample.Length; n++)
        {
            if (outOfSample[n] < score)
            {
                below++;
            }
            else if (outOfSample[n] == score && n != best)
            {
                equal++;
            }
        }

        var rank = 1 + below + (equal / 2.0);
        var omega = rank / (outOfSample.Length + 1);
        return new CscvSplit(mask, best, inSample[best], score, omega, Math.Log(omega / (1 - omega)));
    }

    private static void NextCombination(Span<int> chosen, int blocks)
    {
        var k = chosen.Length;
        var i = k - 1;
        while (i >= 0 && chosen[i] == blocks - k + i)
        {
            i--;
        }

        if (i < 0)
        {
            return;
        }

        chosen[i]++;
        for (var j = i + 1; j < k; j++)
        {
            chosen[j] = chosen[j - 1] + 1;
        }
    }

    private static int Binomial(int n, int k)
    {
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return checked((int)result);
    }

    private static int Length(IReadOnlyList<double[]> returnsByTrial)
    {
        var length = -1;
        for (var n = 0; n < returnsByTrial.Count; n++)
        {
            var trial = returnsByTrial[n] ?? throw new ArgumentException($"Trial {n} has no returns.", nameof(returnsByTrial));
            if (length >= 0 && trial.Length != length)
            {
                throw new ArgumentException(
                    $"Every trial needs returns for the same periods: trial 0 has {length}, trial {n} has {trial.Length}.",
                    nameof(returnsByTrial));
            }

            length = trial.Length;
            for (var t = 0; t < trial.Length; t++)
            {
                if (!double.IsFinite(trial[t]))
                {
                    throw new ArgumentException($"Trial {n}'s return {t} is {trial[t]}; every return must be finite.", nameof(returnsByTrial));
                }
            }
        }

        return length;
    }

    /// <summary>Each block's mean, centred sum of squares and downside squares for every trial, trial by trial so a
    /// split reads one trial's blocks side by side.</summary>
    private sealed class BlockSums
    {
        private readonly int _blocks;
        private readonly int _perBlock;
        private readonly double[] _mean;
        private readonly double[] _squares;
        private readonly double[] _downside;

        private BlockSums(int trials, int blocks, int perBlock)
        {
            _blocks = blocks;
            _perBlock = perBlock;
            _mean = new double[trials * blocks];
            _squares = new double[trials * blocks];
            _downside = new double[trials * blocks];
        }

        public static BlockSums Of(IReadOnlyList<double[]> returnsByTrial, int blocks, int perBlock, int skipped)
        {
            var sums = new BlockSums(returnsByTrial.Count, blocks, perBlock);
            for (var n = 0; n < returnsByTrial.Count; n++)
            {
                for (var b = 0; b < blocks; b++)
                {
                    var block = returnsByTrial[n].AsSpan(skipped + (b * perBlock), perBlock);
                    var sum = 0.0;
                    foreach (var r in block)
                    {
                        sum += r;
                    }

                    var mean = sum / perBlock;
                    double squares = 0, downside = 0;
                    foreach (var r in block)
                    {
                        squares += (r - mean) * (r - mean);
                        downside += r < 0 ? r * r : 0;
                    }

                    var at = (n * blocks) + b;
                    sums._mean[at] = mean;
                    sums._squares[at] = squares;
                    sums._downside[at] = downside;
                }
            }

            return sums;
        }

        /// <summary>Every trial's score in the in-sample blocks of <paramref name="mask"/> and in the others.</summary>
        public void Score(int mask, CscvMetric metric, double[] inSample, double[] outOfSample)
        {
            // Each half's block indexes once per split, so the loop over trials reads them without a branch.
            var halfBlocks = _blocks / 2;
            Span<int> inBlocks = stackalloc int[halfBlocks];
            Span<int> outBlocks = stackalloc int[halfBlocks];
            int i = 0, o = 0;
            for (var b = 0; b < _blocks; b++)
            {
                if ((mask & (1 << b)) != 0)
                {
                    inBlocks[i++] = b;
                }
                else
                {
                    outBlocks[o++] = b;
                }
            }

            var count = halfBlocks * _perBlock;
            for (var n = 0; n < inSample.Length; n++)
            {
                var from = n * _blocks;
                inSample[n] = metric.Score(Half(from, inBlocks, count));
                outOfSample[n] = metric.Score(Half(from, outBlocks, count));
            }
        }

        private CscvMoments Half(int from, ReadOnlySpan<int> blocks, int count)
        {
            var means = _mean.AsSpan(from, _blocks);
            var squares = _squares.AsSpan(from, _blocks);
            var downside = _downside.AsSpan(from, _blocks);
            double mean = 0, within = 0, down = 0;
            foreach (var b in blocks)
            {
                mean += means[b];
                within += squares[b];
                down += downside[b];
            }

            mean /= blocks.Length;

            // Blocks of equal length merge exactly: the squares within each block plus each block's mean off the half's.
            var between = 0.0;
            foreach (var b in blocks)
            {
                var d = means[b] - mean;
                between += d * d;
            }

            return Moments(count, mean, within + (_perBlock * between), down);
        }

        private static CscvMoments Moments(int count, double mean, double squares, double downside) =>
            new(count, mean, ReturnMoments.Spreads(squares, count, mean) ? squares / (count - 1) : 0, downside);
    }
}
