using BenchmarkDotNet.Attributes;
using Trading.Data;
using Trading.Data.Synthetic;

namespace Trading.Bench;

/// <summary>How long the synthetic market takes: the demo's 50 stocks and a 500-stock, 25-year market (3.2M bars).</summary>
[MemoryDiagnoser]
public class SyntheticMarketBenchmarks
{
    [Params(50, 500)]
    public int Symbols { get; set; }

    [Benchmark]
    public MarketDataBatch Generate_25_years() => SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = Symbols });
}
