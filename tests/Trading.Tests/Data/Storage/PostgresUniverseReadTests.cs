using Trading.Data;
using Trading.Data.Storage.Postgres;
using Trading.Domain;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>A universe read from PostgreSQL (<c>TRADE_TEST_POSTGRES</c>) is one snapshot of the store: never one
/// symbol after another process's write and another before it.</summary>
public sealed class PostgresUniverseReadTests : IDisposable
{
    private const int Generations = 150;

    private static readonly Symbol[] Symbols = [Symbol.Parse("AAPL"), Symbol.Parse("MSFT")];

    private readonly PostgresTestSchemas _schemas = new();

    public void Dispose() => _schemas.Dispose();

    [SkippableFact]
    public async Task Each_universe_read_is_one_state_of_the_store_while_another_store_rewrites_both_symbols_in_one_write()
    {
        // Generation g of both symbols, bars and a split each, goes in one write: every close is 100 + g and each
        // split is 1 + g. A read that took one symbol before a write and the other after it would see two generations.
        var schema = _schemas.Create();
        await using var reader = new PostgresMarketDataStore(schema);
        await using var writer = new PostgresMarketDataStore(schema);
        await writer.WriteAsync(Batch(0));
        var writes = Task.Run(async () =>
        {
            for (var generation = 1; generation <= Generations; generation++)
            {
                await writer.WriteAsync(Batch(generation));
            }
        });

        var reads = 0;
        var seen = new HashSet<double>();
        while (!writes.IsCompleted)
        {
            var read = await reader.ReadUniverseAsync(Symbols, Interval.Daily);
            var generations = read.Series.Select(x => x.Close[^1] - 100)
                .Concat(read.Actions.Select(a => (double)a.Value - 1))
                .Distinct()
                .ToList();
            Assert.True(generations.Count == 1, $"read {reads} saw generations {string.Join(", ", generations)} at once");
            Assert.All(read.Series, x => Assert.Equal(x.Close[0], x.Close[^1]));
            Assert.Equal(2, read.Actions.Count);
            seen.Add(generations[0]);
            reads++;
        }

        await writes;
        Assert.True(seen.Count > 2, $"the reads saw only {seen.Count} generations of {Generations}: they hardly overlapped the writes");
    }

    private static MarketDataBatch Batch(int generation) => new(
        [.. Symbols.Select(s => BarSeries.FromBars(s, Interval.Daily, Enumerable.Range(0, 50).Select(i => new Bar(SampleBars.Start.AddDays(i), 100 + generation, 100 + generation, 100 + generation, 100 + generation, 1000))))],
        [.. Symbols.Select(s => CorporateAction.Split(s, new DateOnly(2020, 6, 1), 1 + generation))]);
}
