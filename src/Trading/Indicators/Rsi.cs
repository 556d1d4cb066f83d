using System.Runtime.Intrinsics;
using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Wilder's relative strength index: average gain and loss seeded with the mean of the first
/// <see cref="Period"/> changes, then smoothed by 1/period (TA-Lib RSI; lookback = period).</summary>
public sealed class Rsi : IPriceIndicator
{
    private double _previous;
    private Vector128<double> _averages;
    private int _changes = -1;

    public Rsi(int period = 14)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
    }

    public int Period { get; }

    public int Lookback => Period;

    public bool IsReady => _changes >= Period;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        if (_changes < 0)
        {
            _previous = value;
            _changes = 0;
            return;
        }

        var change = value - _previous;
        _previous = value;

        // Gain and loss ride in the two lanes of one vector, smoothed together (each lane rounds exactly as the
        // scalar would). A rise adds to the gain and a fall to the loss; the other lane gets + 0, which leaves it as
        // it was. Masks rather than a branch, since rise or fall is a coin toss bar to bar.
        var moves = Vector128.Create(change, -change);
        moves &= Vector128.GreaterThan(moves, Vector128<double>.Zero);
        if (_changes >= Period)
        {
            _averages = ((_averages * Vector128.Create((double)(Period - 1))) + moves) / Vector128.Create((double)Period);
            Value = Ratio();
            return;
        }

        _averages += moves;
        if (++_changes == Period)
        {
            _averages /= Vector128.Create((double)Period);
            Value = Ratio();
        }
    }

    // A market that has not moved at all has no strength either way; TA-Lib reports 0 there, and so do we.
    private double Ratio()
    {
        var gain = _averages.GetElement(0);
        var total = gain + _averages.GetElement(1);
        return total != 0 ? 100.0 * (gain / total) : 0.0;
    }

    public static double[] Compute(ReadOnlySpan<double> values, int period = 14)
    {
        var rsi = new Rsi(period);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            rsi.Update(values[i]);
            output[i] = rsi.Value;
        }

        return output;
    }
}
