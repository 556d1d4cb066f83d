using Trading.Domain;

namespace Trading.Indicators;

/// <summary>True range: the bar's range stretched to include the previous close (TA-Lib TRANGE; lookback 1, since
/// the first bar has no previous close).</summary>
public sealed class TrueRange : IIndicator
{
    private double _previousClose = double.NaN;

    public int Lookback => 1;

    public bool IsReady => !double.IsNaN(Value);

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        if (!double.IsNaN(_previousClose))
        {
            Value = Of(high, low, _previousClose);
        }

        _previousClose = close;
    }

    /// <summary>max(high, previous close) − min(low, previous close).</summary>
    public static double Of(double high, double low, double previousClose) =>
        Math.Max(high, previousClose) - Math.Min(low, previousClose);

    public static double[] Compute(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var trueRange = new TrueRange();
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            trueRange.Update(high[i], low[i], close[i]);
            output[i] = trueRange.Value;
        }

        return output;
    }
}
