using System.Runtime.Intrinsics;
using Trading.Domain;

namespace Trading.Indicators;

/// <summary>On-balance volume: volume added on up closes, subtracted on down closes. As TA-Lib, it starts at the
/// first bar's volume (lookback 0).</summary>
public sealed class Obv : IIndicator
{
    private double _previousClose = double.NaN;

    public int Lookback => 0;

    public bool IsReady => !double.IsNaN(Value);

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close, bar.Volume);

    public void Update(double close, double volume)
    {
        if (double.IsNaN(_previousClose))
        {
            Value = volume;
        }
        else
        {
            // Up, down or unchanged without a branch (the direction is a coin toss): ±volume or 0 − 0, and x + (−v)
            // is exactly x − v, so the total is the same as adding or subtracting.
            var moved = Vector128.GreaterThan(Vector128.Create(close, _previousClose), Vector128.Create(_previousClose, close))
                & Vector128.Create(volume);
            Value += moved.GetElement(0) - moved.GetElement(1);
        }

        _previousClose = close;
    }

    public static double[] Compute(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var obv = new Obv();
        var close = bars.Close;
        var volume = bars.Volume;
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            obv.Update(close[i], volume[i]);
            output[i] = obv.Value;
        }

        return output;
    }
}
