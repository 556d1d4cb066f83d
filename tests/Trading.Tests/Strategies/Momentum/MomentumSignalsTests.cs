using Trading.Data;
using Trading.Domain;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

public sealed class MomentumSignalsTests
{
    private static readonly MomentumSettings Defaults = new();
    private static readonly Symbol A = Symbol.Parse("A");
    private static readonly Symbol B = Symbol.Parse("B");

    /// <summary>A: 140 bars up 0.1% a day. B: 140 bars up 0.3% a day from 60, split 2:1 at bar 120
    /// (2024-04-30): its raw prices from then on are half.</summary>
    private static MemoryStore Store()
    {
        var b = MomentumBars.Exponential("B", 140, growth: 0.003, start: 60);
        for (var i = 120; i < 140; i++)
        {
            b.Open[i] /= 2;
            b.High[i] /= 2;
            b.Low[i] /= 2;
            b.Close[i] /= 2;
        }

        return new MemoryStore(
            [MomentumBars.Exponential("A", 140, growth: 0.001).Build(), b.Build()],
            [CorporateAction.Split(B, new DateOnly(2024, 4, 30), 2)]);
    }

    [Fact]
    public async Task A_stored_split_is_taken_out_of_the_bars_before_ranking()
    {
        var ranking = await MomentumSignals.GenerateAsync(Store(), [A, B], null, Interval.Daily, null, null, Defaults);

        // Adjusted, B is one straight exponential: slope 0.003, R² = 1, and it ranks first.
        var b = ranking.Signals[0];
        Assert.Equal(B, b.Symbol);
        Assert.Equal(1, b.Rank);
        Assert.Equal(Math.Exp(252 * 0.003) - 1, b.MomentumScore, 1e-9);

        // The price is the last close as traded: 60 × exp(0.003 × 139) / 2.
        Assert.Equal(30 * Math.Exp(0.417), b.CurrentPrice, 1e-9);
        Assert.Same(MarketRegime.Off, ranking.Regime);
    }

    [Fact]
    public async Task A_split_after_the_decision_date_is_not_applied()
    {
        // As of 2024-04-29 (bar 119), the day before the ex-date: the price is the pre-split close.
        var asOf = new DateTime(2024, 4, 29, 0, 0, 0, DateTimeKind.Utc);

        var ranking = await MomentumSignals.GenerateAsync(Store(), [A, B], null, Interval.Daily, null, asOf, Defaults);

        Assert.Equal(asOf, ranking.AsOf);
        var b = ranking.Signals.Single(s => s.Symbol == B);
        Assert.Equal(60 * Math.Exp(0.003 * 119), b.CurrentPrice, 1e-9);
        Assert.Equal(1, b.Rank);
    }

    [Fact]
    public async Task An_index_without_bars_is_an_error_not_an_open_regime()
    {
        var error = await Assert.ThrowsAsync<MarketDataNotFoundException>(
            () => MomentumSignals.GenerateAsync(Store(), [A, B], Symbol.Parse("^NONE"), Interval.Daily, null, null, Defaults));

        Assert.Contains("market index ^NONE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_bars_for_any_symbol_is_an_error_not_an_empty_ranking()
    {
        var error = await Assert.ThrowsAsync<MarketDataNotFoundException>(
            () => MomentumSignals.GenerateAsync(Store(), [Symbol.Parse("X"), Symbol.Parse("Y")], null, Interval.Daily, null, null, Defaults));

        Assert.Contains("X, Y", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_index_sets_the_regime()
    {
        var index = MomentumBars.Of("^IDX", Enumerable.Range(1, 140).Select(i => (double)i), range: 0).Build();
        var store = Store();
        store.Series.Add(index);

        var ranking = await MomentumSignals.GenerateAsync(store, [A, B], index.Symbol, Interval.Daily, null, null, new MomentumSettings { MarketRegimePeriod = 100 });

        // Closes 41..140 average 90.5, under 140.
        Assert.Equal(MarketRegimeState.Bullish, ranking.Regime.State);
        Assert.Equal(90.5, ranking.Regime.Average, 1e-9);
    }

    /// <summary>Bars and actions in memory, read as the store contract says (inclusive ranges, by time).</summary>
    private sealed class MemoryStore(List<BarSeries> series, List<CorporateAction> actions) : IMarketDataStore
    {
        public List<BarSeries> Series { get; } = series;

        public Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<BarSeries> ReadBarsAsync(Symbol symbol, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Series.FirstOrDefault(s => s.Symbol == symbol && s.Interval == interval)?.Between(from, to) ?? BarSeries.Empty(symbol, interval));

        public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(Symbol symbol, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CorporateAction>>([.. actions.Where(a => a.Symbol == symbol && (from is null || a.ExDate >= from) && (to is null || a.ExDate <= to)).OrderBy(a => a.ExDate)]);

        public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
