namespace Trading.Backtesting.Reports;

/// <summary>Thins a series for drawing: per horizontal bucket (about a pixel) it keeps only the lowest and the
/// highest point, in time order, so spikes and crashes survive and a 100,000-point curve draws like the original.</summary>
internal static class MinMaxDecimation
{
    /// <summary>Indices of the points to draw. A NaN in a bucket is kept (after the bucket's extremes) so that gaps
    /// stay gaps.</summary>
    public static List<int> Select(IReadOnlyList<double> x, IReadOnlyList<double> y, int buckets)
    {
        var kept = new List<int>(Math.Min(x.Count, (2 * buckets) + 2));
        if (x.Count <= 2 * buckets)
        {
            for (var i = 0; i < x.Count; i++)
            {
                kept.Add(i);
            }

            return kept;
        }

        var from = x[0];
        var width = (x[^1] - from) / buckets;
        var i0 = 0;
        while (i0 < x.Count)
        {
            var bucket = width > 0 ? Math.Min(buckets - 1, (int)((x[i0] - from) / width)) : 0;
            int low = -1, high = -1, gap = -1, i = i0;
            for (; i < x.Count && (width <= 0 || Math.Min(buckets - 1, (int)((x[i] - from) / width)) == bucket); i++)
            {
                if (double.IsNaN(y[i]))
                {
                    gap = i;
                    continue;
                }

                if (low < 0 || y[i] < y[low])
                {
                    low = i;
                }

                if (high < 0 || y[i] > y[high])
                {
                    high = i;
                }
            }

            if (low >= 0)
            {
                kept.Add(Math.Min(low, high));
                if (high != low)
                {
                    kept.Add(Math.Max(low, high));
                }
            }

            if (gap >= 0)
            {
                kept.Add(gap);
            }

            i0 = i;
        }

        return kept;
    }
}
