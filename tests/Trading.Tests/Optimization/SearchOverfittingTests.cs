using System.Text.Json;
using Trading.Accounting;
using Trading.Optimization;
using Trading.Tests.Cli;

namespace Trading.Tests.Optimization;

/// <summary>A search reports what its best trial owes to the search: a real edge among noise is a high deflated Sharpe
/// ratio and a PBO near 0, the best of pure noise is neither; <c>trade optimize</c> writes both, explained.</summary>
public sealed class SearchOverfittingTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_real_edge_among_noise_is_confident_and_not_overfit_and_the_best_of_noise_is_neither()
    {
        var noise = Trials(seed: 3, edge: null);
        var edged = Trials(seed: 3, edge: 17);

        var luck = SearchOverfitting.Of(noise, noise.MaxBy(t => ReturnMoments.Of(t.Returns).Sharpe)!);
        var real = SearchOverfitting.Of(edged, edged[17]);

        Assert.True(real.Deflated!.Probability > 0.99, $"DSR {real.Deflated.Probability} with a real edge");
        Assert.True(real.Cscv!.ProbabilityOfOverfitting < 0.01, $"PBO {real.Cscv.ProbabilityOfOverfitting} with a real edge");
        Assert.True(luck.Deflated!.Probability < 0.5, $"DSR {luck.Deflated.Probability} for the best of noise");
        Assert.True(luck.Cscv!.ProbabilityOfOverfitting > 0.2, $"PBO {luck.Cscv.ProbabilityOfOverfitting} for noise");
        Assert.Equal(50, luck.Deflated.Trials);
    }

    [Fact]
    public void One_trial_has_no_pbo_and_says_why()
    {
        var one = Trials(seed: 1, edge: null).Take(1).ToList();

        var overfitting = SearchOverfitting.Of(one, one[0]);

        Assert.Null(overfitting.Cscv);
        Assert.Equal("one trial: nothing was chosen among others", overfitting.CscvNote);
        Assert.Equal(1, overfitting.Deflated!.Trials);
    }

    [Fact]
    public async Task Trade_optimize_writes_the_deflated_sharpe_ratio_and_the_pbo_with_their_explanations()
    {
        var json = Path.Combine(_cli.Directory, "search.json");

        var run = await _cli.Trade("optimize", "--strategy", "sma_cross", "--param", "fast=5:20:5", "--param", "slow=30:60:10", "--from", "2018-01-01", "--to", "2020-12-31", "--json", json);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("deflated Sharpe ratio: The best of 16 trials would show a Sharpe of", run.Output, StringComparison.Ordinal);
        Assert.Contains("overfitting (CSCV): Over 12,870 ways of splitting the history into halves", run.Output, StringComparison.Ordinal);
        var overfitting = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("overfitting");
        Assert.InRange(overfitting.GetProperty("deflated_sharpe").GetProperty("probability").GetDouble(), 0, 1);
        Assert.Equal(16, overfitting.GetProperty("deflated_sharpe").GetProperty("trials").GetInt32());
        Assert.InRange(overfitting.GetProperty("pbo").GetProperty("probability").GetDouble(), 0, 1);
        Assert.Equal(12_870, overfitting.GetProperty("pbo").GetProperty("splits").GetInt32());
    }

    /// <summary>50 trials of 1,000 daily returns, normal noise of 1% a day; with <paramref name="edge"/>, that trial
    /// earns 0.3% a day more.</summary>
    private static List<TrialResult> Trials(int seed, int? edge)
    {
        var random = new Random(seed);
        var trials = new List<TrialResult>();
        for (var n = 0; n < 50; n++)
        {
            var returns = new double[1000];
            for (var t = 0; t < returns.Length; t++)
            {
                // Box-Muller: two uniforms into a standard normal.
                var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                returns[t] = (0.01 * normal) + (n == edge ? 0.003 : 0);
            }

            trials.Add(new TrialResult
            {
                Number = n,
                GridIndex = n,
                Parameters = new Dictionary<string, object> { ["n"] = n },
                Metrics = new PerformanceMetrics(),
                TradeCount = 0,
                FinalEquity = 0,
                BarEvents = 0,
                Returns = returns,
            });
        }

        return trials;
    }
}
