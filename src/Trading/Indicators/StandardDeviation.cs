using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Population standard deviation of the last <see cref="Period"/> values times
/// <see cref="Deviations"/> (TA-Lib STDDEV; lookback period − 1).</summary>
public sealed class StandardDeviation : IPriceIndicator
{
    private readonly RollingVariance _window;

    public StandardDeviation(int period = 20, double deviations = 1.0)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
        Deviations = ParameterRange.Require(deviations, 0.0, 100.0, nameof(deviations));
        _window = new RollingVariance(period);
    }

    public int Period { get; }

    public double Deviations { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _window.IsFull;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        _window.Push(value);
        if (_window.IsFull)
        {
            Value = Math.Sqrt(_window.Variance) * Deviations;
        }
    }

    public static double[] Compute(ReadOnlySpan<double> values, int period = 20, double deviations = 1.0)
    {
        var stddev = new StandardDeviation(period, deviations);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            stddev.Update(values[i]);
            output[i] = stddev.Value;
        }

        return output;
    }
}
