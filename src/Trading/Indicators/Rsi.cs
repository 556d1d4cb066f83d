using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Wilder's relative strength index: average gain and loss seeded with the mean of the first
/// <see cref="Period"/> changes, then smoothed by 1/period (TA-Lib RSI; lookback = period).</summary>
public sealed class Rsi : IPriceIndicator
{
    private double _previous;
    private double _gain;
    private double _loss;
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
        if (_changes >= Period)
        {
            _gain *= Period - 1;
            _loss *= Period - 1;
            Accumulate(change);
            _gain /= Period;
            _loss /= Period;
            Value = Ratio();
            return;
        }

        Accumulate(change);
        if (++_changes == Period)
        {
            _gain /= Period;
            _loss /= Period;
            Value = Ratio();
        }
    }

    private void Accumulate(double change)
    {
        if (change < 0)
        {
            _loss -= change;
        }
        else
        {
            _gain += change;
        }
    }

    // A market that has not moved at all has no strength either way; TA-Lib reports 0 there, and so do we.
    private double Ratio()
    {
        var total = _gain + _loss;
        return total != 0 ? 100.0 * (_gain / total) : 0.0;
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
