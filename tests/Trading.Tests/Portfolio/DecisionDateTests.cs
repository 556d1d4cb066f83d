using Trading.Portfolio;

namespace Trading.Tests.Portfolio;

/// <summary>An account's plan is decided as of min(end_date, clock), and says why.</summary>
public sealed class DecisionDateTests
{
    private static readonly DateOnly Clock = new(2015, 6, 30);

    [Fact]
    public void An_end_date_after_the_clock_is_cut_to_the_clock()
    {
        var decision = DecisionDate.For(new DateOnly(2024, 6, 28), Clock);

        Assert.Equal(Clock, decision.Day);
        Assert.Equal("end_date 2024-06-28 is after the account's clock 2015-06-30: planned as of the clock", decision.Reason);
    }

    [Fact]
    public void An_end_date_at_or_before_the_clock_is_kept()
    {
        Assert.Equal(new DateOnly(2015, 1, 30), DecisionDate.For(new DateOnly(2015, 1, 30), Clock).Day);
        Assert.Equal(Clock, DecisionDate.For(Clock, Clock).Day);
        Assert.Equal("end_date 2015-06-30 is not after the account's clock 2015-06-30: planned as of end_date", DecisionDate.For(Clock, Clock).Reason);
    }

    [Fact]
    public void Without_an_end_date_the_clock_decides_and_without_a_clock_the_end_date_does()
    {
        Assert.Equal((Clock, "no end_date: planned as of the account's clock 2015-06-30"), (DecisionDate.For(null, Clock).Day, DecisionDate.For(null, Clock).Reason));
        Assert.Equal(new DateOnly(2024, 6, 28), DecisionDate.For(new DateOnly(2024, 6, 28), null).Day);
        Assert.Null(DecisionDate.For(null, null).Day);
    }
}
