using MathNet.Numerics.Distributions;
using Trading.Optimization;

namespace Trading.Tests.Optimization;

public class OverfittingDeflatedSharpeTests
{
    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.99, 2.326347874040841)]
    [InlineData(0.001, -3.090232306167814)]
    [InlineData(1e-10, -6.361340902404056)]
    public void The_normal_quantiles_the_formulas_use_match_the_tables(double p, double quantile)
    {
        Assert.Equal(quantile, Normal.InvCDF(0, 1, p), 1e-12);
        Assert.Equal(p, Normal.CDF(0, 1, quantile), 1e-12);
    }

    [Fact]
    public void Reproduces_the_papers_numerical_example()
    {
        // Bailey and López de Prado (2014), "A numerical example": the best of N = 100 trials shows an annual Sharpe
        // of 2.5 over 5 years of daily returns (T = 1,250, 250 a year), the trials' annual Sharpe ratios have variance
        // 1/2, the returns skewness -3 and kurtosis 10. The paper finds SR0 ≈ 0.1132 a day and DSR ≈ 0.9004.
        var dsr = DeflatedSharpe.Of(
            sharpe: DeflatedSharpe.PerPeriod(2.5, 250),
            observations: 1250,
            skewness: -3,
            kurtosis: 10,
            trials: 100,
            trialSharpeVariance: 0.5 / 250);

        Assert.Equal(0.1132, dsr.ExpectedMaximumSharpe, 4);
        Assert.Equal(0.9004, dsr.Probability, 4);
    }

    [Theory]
    // E[max] of N standard normals by the paper's approximation: 1.5746 for N = 10 ("about 1.57" in Bailey et al.),
    // 2.5306 for 100, 3.2551 for 1,000; worked with Python's statistics.NormalDist (Wichura's AS241).
    [InlineData(10, 1.0, 1.5745983013)]
    [InlineData(100, 1.0, 2.5306028932)]
    [InlineData(1000, 1.0, 3.2551215137)]
    [InlineData(100, 4.0, 5.0612057864)]
    [InlineData(1, 1.0, 0.0)]
    public void Expected_maximum_sharpe_grows_with_trials_and_with_their_spread(int trials, double variance, double expected)
    {
        Assert.Equal(expected, DeflatedSharpe.ExpectedMaximum(trials, variance), 9);
    }

    [Fact]
    public void Probabilistic_sharpe_worked_by_hand()
    {
        // SR = 0.1 a period over T = 101 normal returns against 0: z = 0.1 × √100 / √(1 + (3 - 1)/4 × 0.01)
        // = 1 / √1.005 = 0.997509, Φ(z) = 0.840741.
        Assert.Equal(0.8407413278, ProbabilisticSharpe.Of(0.1, 0, 101, 0, 3), 9);

        // At the benchmark itself the confidence is one half, whatever the moments.
        Assert.Equal(0.5, ProbabilisticSharpe.Of(0.1, 0.1, 500, -2, 9), 12);
    }

    [Fact]
    public void A_single_trial_is_deflated_to_its_probabilistic_sharpe_against_zero()
    {
        var dsr = DeflatedSharpe.Of(0.08, 750, -0.4, 5, trials: 1, trialSharpeVariance: 0.3);

        Assert.Equal(0, dsr.ExpectedMaximumSharpe);
        Assert.Equal(ProbabilisticSharpe.Of(0.08, 0, 750, -0.4, 5), dsr.Probability, 15);
        Assert.True(dsr.Probability > 0.9, $"a Sharpe of 0.08 a day over 750 days is far from zero ({dsr.Probability})");
    }

    [Fact]
    public void More_trials_at_the_same_best_sharpe_lower_the_deflated_sharpe()
    {
        var previous = 1.0;
        foreach (var trials in new[] { 1, 2, 10, 100, 1000, 10000 })
        {
            var dsr = DeflatedSharpe.Of(0.1, 1000, 0, 3, trials, 0.002).Probability;
            Assert.True(dsr < previous, $"{trials} trials: {dsr} is not below {previous}");
            previous = dsr;
        }

        Assert.True(previous < 0.05, $"the best of 10,000 trials at 0.1 a day is luck ({previous})");
    }

    [Fact]
    public void Negative_skew_and_fat_tails_lower_the_deflated_sharpe()
    {
        var normal = DeflatedSharpe.Of(0.12, 1000, 0, 3, 50, 0.002).Probability;
        var negativeSkew = DeflatedSharpe.Of(0.12, 1000, -2, 3, 50, 0.002).Probability;
        var fatTails = DeflatedSharpe.Of(0.12, 1000, 0, 12, 50, 0.002).Probability;
        var both = DeflatedSharpe.Of(0.12, 1000, -2, 12, 50, 0.002).Probability;

        Assert.True(negativeSkew < normal, $"{negativeSkew} vs {normal}");
        Assert.True(fatTails < normal, $"{fatTails} vs {normal}");
        Assert.True(both < negativeSkew && both < fatTails, $"{both}");
    }

    [Fact]
    public void Moments_of_returns_worked_by_hand()
    {
        // 1, 2, 3, 4: mean 2.5, sample sd √(5/3); symmetric; m2 = 1.25, m4 = (2 × 1.5⁴ + 2 × 0.5⁴) / 4 = 2.5625,
        // kurtosis 2.5625 / 1.5625 = 1.64.
        var even = ReturnMoments.Of([1, 2, 3, 4]);
        Assert.Equal(2.5, even.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), even.StandardDeviation, 12);
        Assert.Equal(2.5 / Math.Sqrt(5.0 / 3), even.Sharpe, 12);
        Assert.Equal(0, even.Skewness, 12);
        Assert.Equal(1.64, even.Kurtosis, 12);

        // 0, 0, 0, 4: deviations -1, -1, -1, 3; m2 = 3, m3 = 6, m4 = 21: skewness 6 / 3^1.5, kurtosis 21 / 9.
        var skewed = ReturnMoments.Of([0, 0, 0, 4]);
        Assert.Equal(6 / Math.Pow(3, 1.5), skewed.Skewness, 12);
        Assert.Equal(21.0 / 9, skewed.Kurtosis, 12);
        Assert.Equal(4, skewed.Count);
    }

    [Fact]
    public void Flat_returns_have_no_sharpe_and_a_normals_shape()
    {
        var flat = ReturnMoments.Of([0.001, 0.001, 0.001]);

        Assert.Equal(0, flat.Sharpe);
        Assert.Equal(0, flat.Skewness);
        Assert.Equal(3, flat.Kurtosis);
    }

    [Fact]
    public void Deflating_from_the_trials_own_numbers_takes_their_count_and_sample_variance()
    {
        double[] chosen = [0.01, -0.005, 0.02, 0.003, -0.01, 0.015, 0.007, -0.002];
        double[] sharpes = [0.1, 0.3, 0.2, 0.05];
        var moments = ReturnMoments.Of(chosen);

        var dsr = DeflatedSharpe.Of(chosen, sharpes);

        // Mean 0.1625, squared deviations 0.00390625 + 0.01890625 + 0.00140625 + 0.01265625 = 0.036875, / 3.
        Assert.Equal(0.036875 / 3, dsr.TrialSharpeVariance, 15);
        Assert.Equal(4, dsr.Trials);
        Assert.Equal(DeflatedSharpe.Of(moments, 4, 0.036875 / 3), dsr);
    }

    [Fact]
    public void Refuses_inputs_the_formulas_have_no_answer_for()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeflatedSharpe.Of(0.1, 100, 0, 3, trials: 0, trialSharpeVariance: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeflatedSharpe.Of(0.1, 100, 0, 3, trials: 5, trialSharpeVariance: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilisticSharpe.Of(0.1, 0, 1, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilisticSharpe.Of(double.NaN, 0, 100, 0, 3));

        // An annual Sharpe of 2 passed as if per period, with skewness 3: 1 - 3 × 2 + (3 - 1) / 4 × 4 = -3.
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilisticSharpe.Of(2, 0, 100, 3, 3));
        Assert.Throws<ArgumentException>(() => ReturnMoments.Of([0.01]));
        Assert.Throws<ArgumentException>(() => ReturnMoments.Of([0.01, double.PositiveInfinity]));
    }

    [Fact]
    public void Converts_between_annual_and_per_period_sharpe_by_the_root_of_the_periods()
    {
        Assert.Equal(0.1, DeflatedSharpe.PerPeriod(1.6, 256), 15);
        Assert.Equal(1.6, DeflatedSharpe.Annualised(0.1, 256), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeflatedSharpe.PerPeriod(1.6, 0));
    }

    [Fact]
    public void Explains_the_papers_example_in_a_traders_words()
    {
        var dsr = DeflatedSharpe.Of(DeflatedSharpe.PerPeriod(2.5, 250), 1250, -3, 10, 100, 0.5 / 250);

        Assert.Equal(
            "The best of 100 trials would show a Sharpe of 1.79 by luck alone; this run's 2.50 beats that with 90% confidence. "
            + "That is below the 95% usually asked for: the result may be luck from the search.",
            dsr.Explain(periodsPerYear: 250));
    }

    [Fact]
    public void Explains_a_single_run_and_a_near_certainty_without_rounding_it_up()
    {
        var single = DeflatedSharpe.Of(DeflatedSharpe.PerPeriod(2.1, 252), 2520, 0, 3, 1, 0);
        Assert.Equal(
            "This single run's Sharpe of 2.10 is above zero with over 99% confidence. That clears the 95% usually asked for.",
            single.Explain());

        var many = DeflatedSharpe.Of(DeflatedSharpe.PerPeriod(1.9, 252), 1260, 0, 3, 1000, DeflatedSharpe.PerPeriod(0.5, 252) * DeflatedSharpe.PerPeriod(0.5, 252));
        Assert.Equal(
            "The best of 1,000 trials would show a Sharpe of 1.63 by luck alone; this run's 1.90 beats that with 72% confidence. "
            + "That is below the 95% usually asked for: the result may be luck from the search.",
            many.Explain());
    }
}
