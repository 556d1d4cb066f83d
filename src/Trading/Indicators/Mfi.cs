using System.Runtime.Intrinsics;
using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Money flow index: the share of the last <see cref="Period"/> bars' money flow (typical price × volume)
/// that came on up bars, in percent (TA-Lib MFI; lookback = period).</summary>
/// <remarks>As TA-Lib, a bar whose typical price did not change counts on neither side, and the index is 0 when the
/// total flow is under 1 (no meaningful volume traded).</remarks>
public sealed class Mfi : IIndicator
{
    private RollingSum _positive;
    private RollingSum _negative;
    private double _previousTypical = double.NaN;

    public Mfi(int period = 14)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
        _positive = new RollingSum(period);
        _negative = new RollingSum(period);
    }

    public int Period { get; }

    public int Lookback => Period;

    public bool IsReady => _positive.IsFull;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close, bar.Volume);

    public void Update(double high, double low, double close, double volume)
    {
        var typical = (high + low + close) / 3.0;
        var previous = _previousTypical;
        _previousTypical = typical;
        if (double.IsNaN(previous))
        {
            return;
        }

        var flow = typical * volume;
        var change = typical - previous;

        // Up or down is a coin toss on real prices, so a branch on it mispredicts half the time; a compare mask sends
        // the flow to its side (and 0 to the other) without one.
        var sides = Vector128.GreaterThan(Vector128.Create(change, -change), Vector128<double>.Zero) & Vector128.Create(flow);
        _positive.Push(sides.GetElement(0));
        _negative.Push(sides.GetElement(1));
        if (_positive.IsFull)
        {
            // Rounding may leave a sum of nothing but zeros a hair under 0; flows are never negative.
            var positive = Math.Max(0.0, _positive.Sum);
            var total = positive + Math.Max(0.0, _negative.Sum);
            Value = total < 1.0 ? 0.0 : 100.0 * (positive / total);
        }
    }

    public static double[] Compute(BarSeries bars, int period = 14)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var mfi = new Mfi(period);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var volume = bars.Volume;
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            mfi.Update(high[i], low[i], close[i], volume[i]);
            output[i] = mfi.Value;
        }

        return output;
    }
}
