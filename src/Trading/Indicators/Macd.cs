using Trading.Domain;

namespace Trading.Indicators;

/// <summary>MACD line (fast EMA − slow EMA), its signal line (EMA of the MACD) and their difference.</summary>
/// <remarks>Aligned like TA-Lib: the fast EMA skips the first slow − fast values so that both EMAs are seeded on
/// the bar where the slow one is, and the three outputs appear together after
/// (slow − 1) + (signal − 1) bars.</remarks>
public sealed class Macd : IPriceIndicator
{
    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Ema _signal;
    private readonly int _fastDelay;
    private int _seen;

    public Macd(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        ParameterRange.Require(fastPeriod, 2, ParameterRange.MaxPeriod, nameof(fastPeriod));
        ParameterRange.Require(slowPeriod, fastPeriod + 1, ParameterRange.MaxPeriod, nameof(slowPeriod));
        ParameterRange.Require(signalPeriod, 1, ParameterRange.MaxPeriod, nameof(signalPeriod));
        FastPeriod = fastPeriod;
        SlowPeriod = slowPeriod;
        SignalPeriod = signalPeriod;
        _fast = new Ema(fastPeriod);
        _slow = new Ema(slowPeriod);
        _signal = new Ema(signalPeriod);
        _fastDelay = slowPeriod - fastPeriod;
    }

    public int FastPeriod { get; }

    public int SlowPeriod { get; }

    public int SignalPeriod { get; }

    public int Lookback => SlowPeriod - 1 + SignalPeriod - 1;

    public bool IsReady => _signal.IsReady;

    public double Value { get; private set; } = double.NaN;

    public double Signal { get; private set; } = double.NaN;

    public double Histogram { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        _slow.Update(value);
        if (_seen < _fastDelay)
        {
            _seen++;
            return;
        }

        _fast.Update(value);
        if (!_slow.IsReady)
        {
            return;
        }

        var macd = _fast.Value - _slow.Value;
        _signal.Update(macd);
        if (_signal.IsReady)
        {
            Value = macd;
            Signal = _signal.Value;
            Histogram = macd - Signal;
        }
    }

    public static (double[] Macd, double[] Signal, double[] Histogram) Compute(
        ReadOnlySpan<double> values, int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        var macd = new Macd(fastPeriod, slowPeriod, signalPeriod);
        var line = new double[values.Length];
        var signal = new double[values.Length];
        var histogram = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            macd.Update(values[i]);
            line[i] = macd.Value;
            signal[i] = macd.Signal;
            histogram[i] = macd.Histogram;
        }

        return (line, signal, histogram);
    }
}
