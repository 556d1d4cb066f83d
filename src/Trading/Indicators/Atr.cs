using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Average true range with Wilder's smoothing, seeded with the mean of the first <see cref="Period"/> true
/// ranges (TA-Lib ATR; lookback = period, as the first bar has no true range).</summary>
public sealed class Atr : IIndicator
{
    private double _previousClose;
    private double _seedSum;
    private int _ranges = -1;

    public Atr(int period = 14)
    {
        Period = ParameterRange.Require(period, 1, ParameterRange.MaxPeriod, nameof(period));
    }

    public int Period { get; }

    public int Lookback => Period;

    public bool IsReady => _ranges >= Period;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        if (_ranges < 0)
        {
            _previousClose = close;
            _ranges = 0;
            return;
        }

        var trueRange = TrueRange.Of(high, low, _previousClose);
        _previousClose = close;
        if (_ranges >= Period)
        {
            Value = ((Value * (Period - 1)) + trueRange) / Period;
            return;
        }

        _seedSum += trueRange;
        if (++_ranges == Period)
        {
            Value = _seedSum / Period;
        }
    }

    public static double[] Compute(BarSeries bars, int period = 14)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var atr = new Atr(period);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            atr.Update(high[i], low[i], close[i]);
            output[i] = atr.Value;
        }

        return output;
    }
}
