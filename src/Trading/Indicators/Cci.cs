using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Commodity channel index: (typical price − its SMA) / (0.015 × mean absolute deviation), over
/// <see cref="Period"/> bars (TA-Lib CCI; lookback period − 1; 0 when either part is 0).</summary>
/// <remarks>The mean absolute deviation around the current mean has no O(1) update (every deviation changes when the
/// mean moves), so this one update costs O(period); the mean is summed in the same pass, which also keeps it
/// bit-for-bit free of drift.</remarks>
public sealed class Cci : IIndicator
{
    private readonly double[] _typical;
    private int _next;
    private int _count;

    public Cci(int period = 20)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
        _typical = new double[period];
    }

    public int Period { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _count == Period;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        var typical = (high + low + close) / 3;
        _typical[_next] = typical;
        if (++_next == _typical.Length)
        {
            _next = 0;
        }

        if (_count < Period && ++_count < Period)
        {
            return;
        }

        var window = _typical.AsSpan();
        double sum = 0;
        foreach (var value in window)
        {
            sum += value;
        }

        var mean = sum / Period;
        double deviation = 0;
        foreach (var value in window)
        {
            deviation += Math.Abs(value - mean);
        }

        var distance = typical - mean;
        Value = distance != 0 && deviation != 0 ? distance / (0.015 * (deviation / Period)) : 0.0;
    }

    public static double[] Compute(BarSeries bars, int period = 20)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var cci = new Cci(period);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            cci.Update(high[i], low[i], close[i]);
            output[i] = cci.Value;
        }

        return output;
    }
}
