using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Williams %R: where the close sits in the last <see cref="Period"/> bars' range, from 0 (at the high) to
/// −100 (at the low) (TA-Lib WILLR; lookback period − 1; 0 when the range is empty).</summary>
public sealed class WilliamsR : IIndicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;

    public WilliamsR(int period = 14)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
        _highest = RollingExtreme.Highest(period);
        _lowest = RollingExtreme.Lowest(period);
    }

    public int Period { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _highest.IsFull;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        _highest.Push(high);
        _lowest.Push(low);
        if (_highest.IsFull)
        {
            var highest = _highest.Value;
            var range = (highest - _lowest.Value) / -100.0;
            Value = range != 0 ? (highest - close) / range : 0.0;
        }
    }

    public static double[] Compute(BarSeries bars, int period = 14)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var willr = new WilliamsR(period);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            willr.Update(high[i], low[i], close[i]);
            output[i] = willr.Value;
        }

        return output;
    }
}
