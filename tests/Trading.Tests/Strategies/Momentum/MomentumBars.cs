using Trading.Domain;

namespace Trading.Tests.Strategies.Momentum;

/// <summary>Daily bars of one symbol built column by column, so a test can write a known path and then change one
/// bar (a gap, a missing last day) before it builds the series.</summary>
internal sealed class MomentumBars
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private MomentumBars(string symbol, double[] close, double range)
    {
        Symbol = symbol;
        Close = close;
        Open = (double[])close.Clone();
        High = close.Select(c => c + (range / 2)).ToArray();
        Low = close.Select(c => c - (range / 2)).ToArray();
    }

    public string Symbol { get; }

    /// <summary>Open equals the close by default: the gap into bar i is then the close-to-close move.</summary>
    public double[] Open { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    /// <summary>Bars with the given closes, open at the close, high and low <paramref name="range"/>/2 either side.</summary>
    public static MomentumBars Of(string symbol, IEnumerable<double> closes, double range = 2) =>
        new(symbol, [.. closes], range);

    /// <summary>close_i = start × exp(growth × i), i = 0 .. count − 1: ln(close) is a straight line of slope
    /// <paramref name="growth"/> (R² = 1).</summary>
    public static MomentumBars Exponential(string symbol, int count, double growth, double start = 100, double range = 2) =>
        Of(symbol, Enumerable.Range(0, count).Select(i => start * Math.Exp(growth * i)), range);

    /// <summary>The series, one bar a calendar day from <see cref="Start"/> plus <paramref name="firstDay"/> days.</summary>
    public BarSeries Build(int firstDay = 0)
    {
        var n = Close.Length;
        return new BarSeries(
            Trading.Domain.Symbol.Parse(Symbol),
            Interval.Daily,
            [.. Enumerable.Range(0, n).Select(i => Start.AddDays(firstDay + i))],
            (double[])Open.Clone(),
            (double[])High.Clone(),
            (double[])Low.Clone(),
            (double[])Close.Clone(),
            [.. Enumerable.Repeat(1_000_000.0, n)]);
    }

    /// <summary>The series at the given bar times (one per close).</summary>
    public BarSeries Build(IReadOnlyList<DateTime> times)
    {
        var n = Close.Length;
        Assert.Equal(n, times.Count);
        return new BarSeries(
            Trading.Domain.Symbol.Parse(Symbol),
            Interval.Daily,
            [.. times],
            (double[])Open.Clone(),
            (double[])High.Clone(),
            (double[])Low.Clone(),
            (double[])Close.Clone(),
            [.. Enumerable.Repeat(1_000_000.0, n)]);
    }

    /// <summary>An index with the given closes (open = high = low = close).</summary>
    public static BarSeries Index(IEnumerable<double> closes) => Of("^IDX", closes, range: 0).Build();
}
