using Trading.Domain;

namespace Trading.Tests.Indicators;

/// <summary>Small bar series for hand-computed examples.</summary>
internal static class TestBars
{
    public static readonly DateTime Start = new(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Daily bars from (high, low, close) triples; open is the close and volume 1000.</summary>
    public static BarSeries Daily(params (double High, double Low, double Close)[] bars) =>
        Daily(bars.Select(b => (b.High, b.Low, b.Close, 1000.0)).ToArray());

    public static BarSeries Daily(params (double High, double Low, double Close, double Volume)[] bars)
    {
        var n = bars.Length;
        return new BarSeries(
            Symbol.Parse("TEST"),
            Interval.Daily,
            Enumerable.Range(0, n).Select(i => Start.AddDays(i)).ToArray(),
            bars.Select(b => b.Close).ToArray(),
            bars.Select(b => b.High).ToArray(),
            bars.Select(b => b.Low).ToArray(),
            bars.Select(b => b.Close).ToArray(),
            bars.Select(b => b.Volume).ToArray());
    }

    /// <summary>Daily bars whose high, low and close all equal the given price.</summary>
    public static BarSeries Closes(params double[] closes) => Daily(closes.Select(c => (c, c, c)).ToArray());

    /// <summary>A random walk with realistic bars, the same for the same seed.</summary>
    public static BarSeries RandomWalk(int seed, int count)
    {
        var random = new Random(seed);
        var bars = new List<Bar>(count);
        var price = 20 + (random.NextDouble() * 200);
        for (var i = 0; i < count; i++)
        {
            var open = price;
            price = Math.Round(price * Math.Exp((random.NextDouble() - 0.5) * 0.06), 2);
            var high = Math.Round(Math.Max(open, price) * (1 + (random.NextDouble() * 0.01)), 2);
            var low = Math.Round(Math.Min(open, price) * (1 - (random.NextDouble() * 0.01)), 2);
            bars.Add(new Bar(Start.AddDays(i), open, high, low, price, Math.Round(random.NextDouble() * 1e6)));
        }

        return BarSeries.FromBars(Symbol.Parse("WALK"), Interval.Daily, bars);
    }

    public static int FirstValid(ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
