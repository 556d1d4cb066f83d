using Trading.Domain;

namespace Trading.Bench;

/// <summary>The bars the store benchmarks write and read: the same for every store, so their numbers compare.</summary>
internal static class SyntheticSeries
{
    /// <summary>Business-day-like daily series (every day, which the store does not care about) with random walks.</summary>
    public static BarSeries[] Make(int symbols, int barsPerSeries)
    {
        var random = new Random(42);
        var start = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        var result = new BarSeries[symbols];
        for (var s = 0; s < symbols; s++)
        {
            var time = new DateTime[barsPerSeries];
            var open = new double[barsPerSeries];
            var high = new double[barsPerSeries];
            var low = new double[barsPerSeries];
            var close = new double[barsPerSeries];
            var volume = new double[barsPerSeries];
            var price = 50 + (random.NextDouble() * 100);
            for (var i = 0; i < barsPerSeries; i++)
            {
                time[i] = start.AddDays(i);
                open[i] = price;
                price *= 1 + ((random.NextDouble() - 0.5) * 0.04);
                close[i] = price;
                high[i] = Math.Max(open[i], close[i]) * 1.01;
                low[i] = Math.Min(open[i], close[i]) * 0.99;
                volume[i] = Math.Round(random.NextDouble() * 1e7);
            }

            result[s] = new BarSeries(Symbol.Parse($"S{s:D3}"), Interval.Daily, time, open, high, low, close, volume);
        }

        return result;
    }
}
