using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Bollinger Bands: the SMA of the last <see cref="Period"/> closes ± <see cref="Deviations"/> population
/// standard deviations (TA-Lib BBANDS with an SMA; lookback period − 1).</summary>
public sealed class BollingerBands : IPriceIndicator
{
    private readonly RollingVariance _window;

    public BollingerBands(int period = 20, double deviations = 2.0)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
        Deviations = ParameterRange.Require(deviations, 0.0, 100.0, nameof(deviations));
        _window = new RollingVariance(period);
    }

    public int Period { get; }

    public double Deviations { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _window.IsFull;

    public double Upper { get; private set; } = double.NaN;

    public double Middle { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        _window.Push(value);
        if (!_window.IsFull)
        {
            return;
        }

        var middle = _window.Mean;
        var width = Deviations * Math.Sqrt(_window.Variance);
        Middle = middle;
        Upper = middle + width;
        Lower = middle - width;
    }

    public static (double[] Upper, double[] Middle, double[] Lower) Compute(
        ReadOnlySpan<double> values, int period = 20, double deviations = 2.0)
    {
        var bands = new BollingerBands(period, deviations);
        var upper = new double[values.Length];
        var middle = new double[values.Length];
        var lower = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bands.Update(values[i]);
            upper[i] = bands.Upper;
            middle[i] = bands.Middle;
            lower[i] = bands.Lower;
        }

        return (upper, middle, lower);
    }
}
