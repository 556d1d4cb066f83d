using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Simple moving average of the last <see cref="Period"/> values (TA-Lib SMA; lookback period − 1).</summary>
public sealed class Sma : IPriceIndicator
{
    private RollingSum _window;

    public Sma(int period)
    {
        Period = ParameterRange.Require(period, 1, ParameterRange.MaxPeriod, nameof(period));
        _window = new RollingSum(period);
    }

    public int Period { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _window.IsFull;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        _window.Push(value);
        if (_window.IsFull)
        {
            Value = _window.Sum / Period;
        }
    }

    public static double[] Compute(ReadOnlySpan<double> values, int period)
    {
        var sma = new Sma(period);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            sma.Update(values[i]);
            output[i] = sma.Value;
        }

        return output;
    }
}
