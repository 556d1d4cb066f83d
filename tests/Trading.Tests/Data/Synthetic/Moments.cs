namespace Trading.Tests.Data.Synthetic;

/// <summary>The sample statistics the stylised-fact tests speak in.</summary>
internal static class Moments
{
    public static double Mean(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v;
        }

        return sum / x.Length;
    }

    public static double StandardDeviation(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (x.Length - 1));
    }

    /// <summary>Fourth central moment over the squared variance, minus the normal's 3.</summary>
    public static double ExcessKurtosis(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        double m2 = 0, m4 = 0;
        foreach (var v in x)
        {
            var d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }

        m2 /= x.Length;
        m4 /= x.Length;
        return (m4 / (m2 * m2)) - 3;
    }

    public static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var ma = Mean(a);
        var mb = Mean(b);
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }

        return ab / Math.Sqrt(aa * bb);
    }

    /// <summary>The lag-1 autocorrelation of the squares: positive when calm and stormy days come in runs.</summary>
    public static double SquaredAutocorrelation(ReadOnlySpan<double> x) => LagOneAutocorrelation(x, v => v * v);

    /// <summary>The lag-1 autocorrelation of the absolute values: the same clustering, less at the mercy of one jump.</summary>
    public static double AbsoluteAutocorrelation(ReadOnlySpan<double> x) => LagOneAutocorrelation(x, Math.Abs);

    private static double LagOneAutocorrelation(ReadOnlySpan<double> x, Func<double, double> transform)
    {
        var transformed = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            transformed[i] = transform(x[i]);
        }

        return Correlation(transformed.AsSpan(0, x.Length - 1), transformed.AsSpan(1));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
