using BenchmarkDotNet.Attributes;
using Trading.Optimization;

namespace Trading.Bench;

/// <summary>The probability of backtest overfitting over a sweep's worth of trials: 1,000 trials × 5 years of daily
/// returns (1,260) cut into 16 blocks, so C(16, 8) = 12,870 splits, each scoring every trial in both halves.</summary>
[MemoryDiagnoser]
public class CscvBenchmarks
{
    private double[][] _returns = [];

    [Params(100, 1000)]
    public int Trials { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _returns = new double[Trials][];
        for (var n = 0; n < Trials; n++)
        {
            _returns[n] = new double[1260];
            for (var t = 0; t < 1260; t++)
            {
                _returns[n][t] = 0.01 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            }
        }
    }

    [Benchmark]
    public double ProbabilityOfOverfitting() => Cscv.Evaluate(_returns).ProbabilityOfOverfitting;
}
