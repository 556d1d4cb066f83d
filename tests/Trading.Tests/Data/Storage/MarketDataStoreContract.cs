using System.Collections;
using Trading.Data;
using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>What every <see cref="IMarketDataStore"/> must do. A store's test class derives from this and says how to
/// create an empty store; each test gets a fresh one.</summary>
public abstract class MarketDataStoreContract : IDisposable
{
    private readonly List<IMarketDataStore> _created = [];

    /// <summary>A new, empty store. Stores that are <see cref="IDisposable"/> are disposed after the test.</summary>
    protected abstract IMarketDataStore CreateStore();

    protected IMarketDataStore NewStore()
    {
        var store = CreateStore();
        _created.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _created)
        {
            (store as IDisposable)?.Dispose();
        }

        DisposeResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the derived class holds (temporary files, servers) after the stores are disposed.</summary>
    protected virtual void DisposeResources()
    {
    }

    private static MarketDataBatch Batch(params BarSeries[] series) => new(series, []);

    private static Symbol S(string text) => Symbol.Parse(text);

    [SkippableFact]
    public async Task A_written_series_reads_back_with_doubles_bit_exact_and_times_in_utc()
    {
        var store = NewStore();
        // Every bit counts, from the bar rule's smallest low to its largest high.
        double[] awkward = [0.1 + 0.2, 1.0 / 3.0, 7 * BarRule.MinPrice * (1 + 1e-15), 1.0000000000000002e-5, 123456.789012345678, BarRule.MaxPrice, Math.BitDecrement(BarRule.MaxPrice), 3.0];
        var bars = new Bar[awkward.Length];
        for (var i = 0; i < awkward.Length; i++)
        {
            var v = awkward[i];
            bars[i] = new Bar(SampleBars.Day(2021, 3, 1).AddDays(i), v, v, v / 7, v * 0.9999999, 1e15 + i);
        }

        var written = BarSeries.FromBars(S("AAPL"), Interval.Daily, bars);

        var result = await store.WriteAsync(Batch(written));
        var read = await store.ReadBarsAsync(S("AAPL"), Interval.Daily);

        Assert.Equal(new StoreWriteResult(awkward.Length, 0), result);
        Assert.Equal(S("AAPL"), read.Symbol);
        Assert.Equal(Interval.Daily, read.Interval);
        Assert.Equal(written.Count, read.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Equal(written.Time[i], read.Time[i]);
            Assert.Equal(DateTimeKind.Utc, read.Time[i].Kind);
            Assert.Equal(Bits(written.Open[i]), Bits(read.Open[i]));
            Assert.Equal(Bits(written.High[i]), Bits(read.High[i]));
            Assert.Equal(Bits(written.Low[i]), Bits(read.Low[i]));
            Assert.Equal(Bits(written.Close[i]), Bits(read.Close[i]));
            Assert.Equal(Bits(written.Volume[i]), Bits(read.Volume[i]));
        }

        static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
    }

    [SkippableFact]
    public async Task Intraday_bars_keep_their_time_of_day()
    {
        var store = NewStore();
        var first = new DateTime(2024, 5, 6, 13, 30, 0, DateTimeKind.Utc);
        var written = SampleBars.Daily("MSFT", 390, first, interval: Interval.OneMinute);

        await store.WriteAsync(Batch(written));
        var read = await store.ReadBarsAsync(S("MSFT"), Interval.OneMinute);

        Assert.Equal(written.Time.ToArray(), read.Time.ToArray());
        Assert.Equal(new DateTime(2024, 5, 6, 19, 59, 0, DateTimeKind.Utc), read.LastTime);
    }

    [SkippableFact]
    public async Task Writing_the_same_batch_twice_stores_each_bar_once()
    {
        var store = NewStore();
        var batch = new MarketDataBatch(
            [SampleBars.Daily("AAPL", 300), SampleBars.Daily("MSFT", 200)],
            [CorporateAction.Split(S("AAPL"), new DateOnly(2020, 8, 31), 4m)]);

        await store.WriteAsync(batch);
        await store.WriteAsync(batch);

        Assert.Equal(300, (await store.ReadBarsAsync(S("AAPL"), Interval.Daily)).Count);
        Assert.Single(await store.ReadActionsAsync(S("AAPL")));
        var list = await store.ListAsync();
        Assert.Equal([300L, 200L], list.Select(s => s.BarCount));
    }

    [SkippableFact]
    public async Task A_bar_written_again_with_new_prices_replaces_the_stored_one()
    {
        var store = NewStore();
        var original = SampleBars.Daily("AAPL", 10);
        var day = original.Time[4];
        var corrected = BarSeries.FromBars(S("AAPL"), Interval.Daily, [new Bar(day, 1, 2, 0.5, 1.5, 42)]);

        await store.WriteAsync(Batch(original));
        await store.WriteAsync(Batch(corrected));
        var read = await store.ReadBarsAsync(S("AAPL"), Interval.Daily);

        Assert.Equal(10, read.Count);
        Assert.Equal(new Bar(day, 1, 2, 0.5, 1.5, 42), read[4]);
        Assert.Equal(original[3], read[3]);
        Assert.Equal(original[5], read[5]);
    }

    [SkippableFact]
    public async Task Range_reads_include_both_ends_and_null_leaves_an_end_open()
    {
        var store = NewStore();
        await store.WriteAsync(Batch(SampleBars.Daily("SPY", 10, SampleBars.Day(2020, 1, 1))));
        var symbol = S("SPY");

        var middle = await store.ReadBarsAsync(symbol, Interval.Daily, SampleBars.Day(2020, 1, 3), SampleBars.Day(2020, 1, 6));
        var head = await store.ReadBarsAsync(symbol, Interval.Daily, to: SampleBars.Day(2020, 1, 2));
        var tail = await store.ReadBarsAsync(symbol, Interval.Daily, from: SampleBars.Day(2020, 1, 9));
        var single = await store.ReadBarsAsync(symbol, Interval.Daily, SampleBars.Day(2020, 1, 5), SampleBars.Day(2020, 1, 5));
        var withinADay = await store.ReadBarsAsync(symbol, Interval.Daily, SampleBars.Day(2020, 1, 5).AddHours(1), SampleBars.Day(2020, 1, 5).AddHours(2));

        Assert.Equal([SampleBars.Day(2020, 1, 3), SampleBars.Day(2020, 1, 4), SampleBars.Day(2020, 1, 5), SampleBars.Day(2020, 1, 6)], middle.Time.ToArray());
        Assert.Equal([SampleBars.Day(2020, 1, 1), SampleBars.Day(2020, 1, 2)], head.Time.ToArray());
        Assert.Equal([SampleBars.Day(2020, 1, 9), SampleBars.Day(2020, 1, 10)], tail.Time.ToArray());
        Assert.Equal([SampleBars.Day(2020, 1, 5)], single.Time.ToArray());
        Assert.True(withinADay.IsEmpty);
    }

    [SkippableFact]
    public async Task Reads_that_match_nothing_return_an_empty_series_of_that_symbol_and_interval()
    {
        var store = NewStore();
        await store.WriteAsync(Batch(SampleBars.Daily("SPY", 10, SampleBars.Day(2020, 1, 1))));

        var unknown = await store.ReadBarsAsync(S("QQQ"), Interval.Daily);
        var otherInterval = await store.ReadBarsAsync(S("SPY"), Interval.Weekly);
        var before = await store.ReadBarsAsync(S("SPY"), Interval.Daily, to: SampleBars.Day(2019, 12, 31));
        var reversed = await store.ReadBarsAsync(S("SPY"), Interval.Daily, SampleBars.Day(2020, 1, 5), SampleBars.Day(2020, 1, 4));

        Assert.True(unknown.IsEmpty);
        Assert.Equal(S("QQQ"), unknown.Symbol);
        Assert.True(otherInterval.IsEmpty);
        Assert.Equal(Interval.Weekly, otherInterval.Interval);
        Assert.True(before.IsEmpty);
        Assert.True(reversed.IsEmpty);
        Assert.Empty(await store.ReadActionsAsync(S("QQQ")));
    }

    [SkippableFact]
    public async Task An_empty_store_lists_nothing_and_an_empty_batch_writes_nothing()
    {
        var store = NewStore();

        var result = await store.WriteAsync(MarketDataBatch.Empty);

        Assert.Equal(new StoreWriteResult(0, 0), result);
        Assert.Empty(await store.ListAsync());
    }

    [SkippableFact]
    public async Task The_list_gives_first_last_and_count_of_each_series_by_symbol_then_interval()
    {
        var store = NewStore();
        await store.WriteAsync(Batch(
            SampleBars.Daily("MSFT", 50, SampleBars.Day(2021, 1, 1)),
            SampleBars.Daily("AAPL", 20, SampleBars.Day(2020, 1, 6), interval: Interval.Weekly),
            SampleBars.Daily("AAPL", 100, SampleBars.Day(2020, 1, 1))));

        // Overlapping and extending writes must keep the count exact: days 90..129 add 30 new bars.
        await store.WriteAsync(Batch(SampleBars.Daily("AAPL", 40, SampleBars.Day(2020, 1, 1).AddDays(90))));
        var list = await store.ListAsync();

        Assert.Equal(
            [
                new SeriesSummary(S("AAPL"), Interval.Daily, SampleBars.Day(2020, 1, 1), SampleBars.Day(2020, 1, 1).AddDays(129), 130),
                new SeriesSummary(S("AAPL"), Interval.Weekly, SampleBars.Day(2020, 1, 6), SampleBars.Day(2020, 1, 6).AddDays(7 * 19), 20),
                new SeriesSummary(S("MSFT"), Interval.Daily, SampleBars.Day(2021, 1, 1), SampleBars.Day(2021, 1, 1).AddDays(49), 50),
            ],
            list);
        Assert.All(list, s => Assert.Equal(DateTimeKind.Utc, s.First.Kind));
    }

    [SkippableFact]
    public async Task Corporate_actions_round_trip_exactly_and_read_by_inclusive_date_range()
    {
        var store = NewStore();
        var aapl = S("AAPL");
        CorporateAction[] actions =
        [
            CorporateAction.CashDividend(aapl, new DateOnly(2020, 2, 7), 0.7700m),
            CorporateAction.Split(aapl, new DateOnly(2020, 8, 31), 4m),
            CorporateAction.CashDividend(aapl, new DateOnly(2020, 8, 7), 0.82m),
            CorporateAction.CashDividend(aapl, new DateOnly(2020, 11, 6), 1m / 3m),
            CorporateAction.Split(S("GE"), new DateOnly(2021, 8, 2), 0.125m),
        ];

        var result = await store.WriteAsync(new MarketDataBatch([], actions));
        var all = await store.ReadActionsAsync(aapl);
        var summer = await store.ReadActionsAsync(aapl, new DateOnly(2020, 8, 7), new DateOnly(2020, 8, 31));
        var fromAutumn = await store.ReadActionsAsync(aapl, from: new DateOnly(2020, 9, 1));

        Assert.Equal(new StoreWriteResult(0, 5), result);
        Assert.Equal([actions[0], actions[2], actions[1], actions[3]], all);
        Assert.Equal("0.7700", all[0].Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1m / 3m, all[3].Value);
        Assert.Equal([actions[2], actions[1]], summer);
        Assert.Equal([actions[3]], fromAutumn);
        Assert.Equal([actions[4]], await store.ReadActionsAsync(S("GE")));
    }

    [SkippableFact]
    public async Task A_corporate_action_written_again_with_a_new_value_replaces_the_old_one()
    {
        var store = NewStore();
        var day = new DateOnly(2020, 2, 7);

        await store.WriteAsync(new MarketDataBatch([], [CorporateAction.CashDividend(S("AAPL"), day, 0.77m)]));
        await store.WriteAsync(new MarketDataBatch([], [CorporateAction.CashDividend(S("AAPL"), day, 0.78m), CorporateAction.Split(S("AAPL"), day, 2m)]));

        Assert.Equal(
            [CorporateAction.Split(S("AAPL"), day, 2m), CorporateAction.CashDividend(S("AAPL"), day, 0.78m)],
            (await store.ReadActionsAsync(S("AAPL"))).OrderBy(a => a.Kind));
    }

    [SkippableTheory]
    [InlineData("^GSPC")]
    [InlineData("BRK.B")]
    [InlineData("BRK-B")]
    [InlineData("EURUSD=X")]
    [InlineData("ES=F")]
    [InlineData("7203.T")]
    public async Task Symbols_with_punctuation_are_stored_and_found(string text)
    {
        var store = NewStore();
        var symbol = S(text);
        await store.WriteAsync(new MarketDataBatch(
            [SampleBars.Daily(text, 5), SampleBars.Daily("SPY", 3)],
            [CorporateAction.CashDividend(symbol, new DateOnly(2020, 1, 2), 0.1m)]));

        Assert.Equal(5, (await store.ReadBarsAsync(symbol, Interval.Daily)).Count);
        Assert.Single(await store.ReadActionsAsync(symbol));
        Assert.Contains(await store.ListAsync(), s => s.Symbol == symbol && s.BarCount == 5);
    }

    [SkippableFact]
    public async Task A_batch_that_fails_in_its_second_series_stores_nothing()
    {
        var store = NewStore();
        var series = new FailingList<BarSeries>(
            [SampleBars.Daily("AAPL", 500), SampleBars.Daily("MSFT", 500)],
            failAt: 1,
            () => throw new InvalidOperationException("injected failure"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.WriteAsync(new MarketDataBatch(series, [CorporateAction.Split(S("AAPL"), new DateOnly(2020, 8, 31), 4m)])));

        Assert.Equal("injected failure", error.Message);
        await AssertNothingStored(store);
    }

    [SkippableFact]
    public async Task A_batch_cancelled_midway_stores_nothing()
    {
        var store = NewStore();
        using var cancellation = new CancellationTokenSource();
        var series = new FailingList<BarSeries>(
            [SampleBars.Daily("AAPL", 500), SampleBars.Daily("MSFT", 500), SampleBars.Daily("IBM", 10)],
            failAt: 1,
            cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.WriteAsync(new MarketDataBatch(series, [CorporateAction.Split(S("AAPL"), new DateOnly(2020, 8, 31), 4m)]), cancellation.Token));

        await AssertNothingStored(store);
    }

    [SkippableFact]
    public async Task A_bar_with_a_price_that_is_not_a_number_is_refused_and_its_batch_stores_nothing()
    {
        var store = NewStore();
        var bad = BarSeries.FromBars(S("MSFT"), Interval.Daily, [new Bar(SampleBars.Day(2020, 1, 1), 1, 2, 0.5, double.NaN, 10)]);

        var error = await Assert.ThrowsAsync<InvalidBarException>(() =>
            store.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 500), bad], [])));

        Assert.Contains("MSFT", error.Message, StringComparison.Ordinal);
        Assert.Equal("close NaN is not a finite number", error.Problem);
        await AssertNothingStored(store);
    }

    /// <summary>Bars no store may keep, by what is wrong; each is the second bar of a series whose first is good.</summary>
    public static TheoryData<string, double, double, double, double, double, int> BarsTheRuleRefuses => new()
    {
        { "a price of 1e308", 1e308, 1e308, 1e308, 1e308, 1, 2020 },
        { "a price of 5e-324", 5e-324, 5e-324, 5e-324, 5e-324, 1, 2020 },
        { "an all-zero bar", 0, 0, 0, 0, 0, 2020 },
        { "a close above the high", 1, 2, 0.5, 2.5, 1, 2020 },
        { "an open below the low", 0.4, 2, 0.5, 1, 1, 2020 },
        { "infinity", 1, double.PositiveInfinity, 0.5, 1, 1, 2020 },
        { "a negative volume", 1, 2, 0.5, 1, -1, 2020 },
        { "a date after 2199", 1, 2, 0.5, 1, 1, 9999 },
    };

    [SkippableTheory]
    [MemberData(nameof(BarsTheRuleRefuses))]
    public async Task A_bar_that_breaks_the_bar_rule_is_refused_whoever_writes_it_and_its_batch_stores_nothing(
        string what, double open, double high, double low, double close, double volume, int year)
    {
        var store = NewStore();
        var bad = BarSeries.FromBars(
            S("MSFT"),
            Interval.Daily,
            [new Bar(SampleBars.Day(2019, 12, 31), 1, 2, 0.5, 1, 1), new Bar(SampleBars.Day(year, 12, 31), open, high, low, close, volume)]);

        var error = await Assert.ThrowsAsync<InvalidBarException>(() =>
            store.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 50), bad], [CorporateAction.Split(S("AAPL"), new DateOnly(2020, 1, 2), 2m)])));

        Assert.Equal(S("MSFT"), error.Symbol);
        Assert.Equal(SampleBars.Day(year, 12, 31), error.Time);
        Assert.Equal(new Bar(error.Time, open, high, low, close, volume).Problem(), error.Problem);
        Assert.False(string.IsNullOrEmpty(error.Problem), what);
        await AssertNothingStored(store);
    }

    [SkippableFact]
    public async Task A_bar_dated_before_1900_is_refused()
    {
        var store = NewStore();
        var old = BarSeries.FromBars(S("MSFT"), Interval.Daily, [new Bar(SampleBars.Day(1, 1, 1), 1, 2, 0.5, 1, 1)]);

        var error = await Assert.ThrowsAsync<InvalidBarException>(() => store.WriteAsync(Batch(old)));

        Assert.Equal("the date 0001-01-01 is outside the supported range 1900-01-01 to 2199-12-31", error.Problem);
        Assert.Empty(await store.ListAsync());
    }

    [SkippableFact]
    public async Task A_universe_read_gives_each_symbols_bars_in_the_range_in_order_and_all_their_actions()
    {
        var store = NewStore();
        var split = CorporateAction.Split(S("AAPL"), DateOnly.FromDateTime(SampleBars.Start.AddDays(250)), 4m);
        var dividend = CorporateAction.CashDividend(S("MSFT"), DateOnly.FromDateTime(SampleBars.Start.AddDays(5)), 0.5m);
        await store.WriteAsync(new MarketDataBatch(
            [SampleBars.Daily("AAPL", 300), SampleBars.Daily("MSFT", 100, basePrice: 200), SampleBars.Daily("GE", 50, basePrice: 10)],
            [split, dividend, CorporateAction.Split(S("GE"), new DateOnly(2020, 1, 3), 2m)]));
        Symbol[] symbols = [S("MSFT"), S("NONE"), S("AAPL")];
        var (from, to) = (SampleBars.Start.AddDays(20), SampleBars.Start.AddDays(200));

        var universe = await store.ReadUniverseAsync(symbols, Interval.Daily, from, to);

        Assert.Equal(symbols, universe.Series.Select(x => x.Symbol));
        for (var i = 0; i < symbols.Length; i++)
        {
            var expected = await store.ReadBarsAsync(symbols[i], Interval.Daily, from, to);
            Assert.Equal(expected.Time.ToArray(), universe.Series[i].Time.ToArray());
            Assert.Equal(expected.Close.ToArray(), universe.Series[i].Close.ToArray());
            Assert.Equal(expected.Volume.ToArray(), universe.Series[i].Volume.ToArray());
        }

        Assert.True(universe.Series[1].IsEmpty);
        Assert.Equal(181, universe.Series[2].Count);

        // Every action of the symbols asked for, in the range or not (a backtest adjusts its bars with them), none of GE's.
        Assert.Equal([split, dividend], universe.Actions.OrderBy(a => a.Symbol));
    }

    [SkippableFact]
    public async Task Readers_run_alongside_a_writer()
    {
        var store = NewStore();
        await store.WriteAsync(Batch(SampleBars.Daily("AAPL", 1000)));

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await store.WriteAsync(Batch(SampleBars.Daily("AAPL", 1000, basePrice: 100 + i), SampleBars.Daily("MSFT", 1000, basePrice: 10 + i)));
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(1000, (await store.ReadBarsAsync(S("AAPL"), Interval.Daily)).Count);
                await store.ListAsync();
            }
        }));

        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(1000, (await store.ReadBarsAsync(S("MSFT"), Interval.Daily)).Count);
    }

    [SkippableFact]
    public async Task Concurrent_writers_of_overlapping_batches_store_each_bar_once_and_count_it_once()
    {
        var store = NewStore();

        // Each writer overlaps the next by 175 days, and half of them write the symbols in the other order.
        var writers = Enumerable.Range(0, 6).Select(k => Task.Run(async () =>
        {
            var first = SampleBars.Day(2020, 1, 1).AddDays(25 * k);
            BarSeries[] series = [SampleBars.Daily("AAPL", 200, first, basePrice: 10 + k), SampleBars.Daily("MSFT", 200, first, basePrice: 10 + k)];
            await store.WriteAsync(Batch(k % 2 == 0 ? series : [.. series.Reverse()]));
        }));
        await Task.WhenAll(writers);

        var expected = 200 + (25 * 5);
        Assert.Equal([expected, expected], (await store.ListAsync()).Select(s => s.BarCount));
        var aapl = await store.ReadBarsAsync(S("AAPL"), Interval.Daily);
        Assert.Equal(expected, aapl.Count);
        Assert.Equal(SampleBars.Day(2020, 1, 1).AddDays(expected - 1), aapl.LastTime);
    }

    private static async Task AssertNothingStored(IMarketDataStore store)
    {
        Assert.Empty(await store.ListAsync());
        Assert.True((await store.ReadBarsAsync(S("AAPL"), Interval.Daily)).IsEmpty);
        Assert.Empty(await store.ReadActionsAsync(S("AAPL")));
    }

    /// <summary>A list that runs <paramref name="onReach"/> when a store reaches item <paramref name="failAt"/>,
    /// to break a write between two series of one batch.</summary>
    private sealed class FailingList<T>(IReadOnlyList<T> items, int failAt, Action onReach) : IReadOnlyList<T>
    {
        public int Count => items.Count;

        public T this[int index]
        {
            get
            {
                if (index == failAt)
                {
                    onReach();
                }

                return items[index];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < items.Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
