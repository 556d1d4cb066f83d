using Trading.Domain;
using Trading.Engine;
using Trading.Feeds;

namespace Trading.Tests.Engine;

/// <summary>A node's timeline takes its feed's slices as they come: the universe's bars queued, the market index left
/// out, and what no feed delivers refused.</summary>
public sealed class FeedTimelineSliceTests
{
    private static readonly Symbol Aaa = Symbol.Parse("AAA");
    private static readonly Symbol Bbb = Symbol.Parse("BBB");
    private static readonly Symbol Index = Symbol.Parse("^IDX");
    private static readonly DateTime Day = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Slices_queued_ahead_are_reached_in_order_with_their_own_bars_and_without_the_index()
    {
        var timeline = new FeedTimeline([Aaa, Bbb], Interval.Daily);

        // Three times queued before the first is reached: each keeps its bars while the others wait.
        Assert.True(timeline.Enqueue(Slice(Day, (Aaa, 10), (Bbb, 20), (Index, 1000)), besides: Index));
        Assert.True(timeline.Enqueue(Slice(Day.AddDays(1), (Bbb, 21), (Index, 1001)), besides: Index));
        Assert.True(timeline.Enqueue(Slice(Day.AddDays(2), (Aaa, 12), (Bbb, 22)), besides: Index));
        Assert.Equal(3, timeline.Queued);

        var due = new List<int[]>();
        while (timeline.Advance())
        {
            due.Add(timeline.Due.ToArray());
        }

        Assert.Equal([[0, 1], [1], [0, 1]], due);
        Assert.Equal([10.0, 12.0], timeline.Series[0].Close.ToArray());
        Assert.Equal([20.0, 21.0, 22.0], timeline.Series[1].Close.ToArray());
        Assert.Equal(Day.AddDays(2), timeline.Time);
    }

    [Fact]
    public void A_slice_of_the_index_alone_queues_nothing_and_takes_no_time()
    {
        var timeline = new FeedTimeline([Aaa], Interval.Daily);

        Assert.False(timeline.Enqueue(Slice(Day, (Index, 1000)), besides: Index));

        Assert.Equal(0, timeline.Queued);
        Assert.Null(timeline.LastQueued);
        Assert.True(timeline.Enqueue(Slice(Day, (Aaa, 10), (Index, 1000)), besides: Index));
    }

    [Fact]
    public void Only_the_symbols_stepped_are_queued()
    {
        var timeline = new FeedTimeline([Aaa, Bbb], Interval.Daily);
        var stepped = new[] { false, true };

        Assert.False(timeline.Enqueue(Slice(Day, (Aaa, 10)), stepped: stepped));
        Assert.True(timeline.Enqueue(Slice(Day, (Aaa, 10), (Bbb, 20)), stepped: stepped));
        timeline.Advance();

        Assert.Equal([1], timeline.Due.ToArray());
        Assert.Equal(0, timeline.BarsSeen(0));
        Assert.Equal(20, timeline.Series[1].Close[0]);
    }

    [Fact]
    public void A_slice_out_of_universe_order_is_queued_in_universe_order()
    {
        var timeline = new FeedTimeline([Aaa, Bbb], Interval.Daily);

        timeline.Enqueue(Slice(Day, (Bbb, 20), (Aaa, 10)));
        timeline.Advance();

        Assert.Equal([0, 1], timeline.Due.ToArray());
        Assert.Equal(10, timeline.Series[0].Close[0]);
        Assert.Equal(20, timeline.Series[1].Close[0]);
    }

    [Fact]
    public void A_slice_with_a_symbol_outside_the_universe_or_given_twice_or_not_after_the_last_time_is_refused()
    {
        var timeline = new FeedTimeline([Aaa, Bbb], Interval.Daily);
        timeline.Enqueue(Slice(Day, (Aaa, 10)));

        Assert.Throws<ArgumentException>(() => timeline.Enqueue(Slice(Day.AddDays(1), (Aaa, 11), (Index, 1000))));
        Assert.Throws<ArgumentException>(() => timeline.Enqueue(Slice(Day.AddDays(1), (Aaa, 11), (Bbb, 21), (Aaa, 11))));
        Assert.Throws<ArgumentException>(() => timeline.Enqueue(Slice(Day, (Bbb, 20))));
        Assert.Equal(1, timeline.Queued);
    }

    [Fact]
    public void A_slice_refuses_a_bar_that_breaks_the_bar_rule()
    {
        var error = Assert.Throws<ArgumentException>(() => new BarSlice(Day, [new SymbolBar(Aaa, new Bar(Day, 10, 9, 11, 10, 100))]));

        Assert.Contains("bar rule", error.Message, StringComparison.Ordinal);
    }

    private static BarSlice Slice(DateTime time, params (Symbol Symbol, double Close)[] bars) =>
        new(time, bars.Select(b => new SymbolBar(b.Symbol, new Bar(time, b.Close, b.Close + 1, b.Close - 1, b.Close, 1000))));
}
