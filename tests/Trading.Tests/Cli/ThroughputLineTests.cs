using Trading.Cli.Commands;

namespace Trading.Tests.Cli;

/// <summary>The line under a backtest's summary is true for a run of ten bars as for one of millions: no
/// "0 ms (0.0M bars/s)" for a small run.</summary>
public sealed class ThroughputLineTests
{
    [Theory]
    [InlineData(10L, 0.04, "10 bar events in 0.04 ms")]
    [InlineData(2_520L, 1.5, "2,520 bar events in 1.50 ms")]
    [InlineData(50_000L, 20.0, "50,000 bar events in 20 ms (2.5M bars/s)")]
    [InlineData(50_000L, 400.0, "50,000 bar events in 400 ms (125.0k bars/s)")]
    [InlineData(606_358L, 143.0, "606,358 bar events in 143 ms (4.2M bars/s)")]
    public void States_the_time_to_its_precision_and_a_rate_only_when_it_means_something(long events, double milliseconds, string expected) =>
        Assert.Equal(expected, BacktestSummary.Throughput(events, TimeSpan.FromMilliseconds(milliseconds)));
}
