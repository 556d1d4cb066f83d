using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Slow stochastic oscillator: fast %K over <see cref="FastKPeriod"/> bars, slow %K = SMA of fast %K over
/// <see cref="SlowKPeriod"/>, %D = SMA of slow %K over <see cref="SlowDPeriod"/> (TA-Lib STOCH with SMA smoothing).</summary>
/// <remarks>As TA-Lib, %K and %D appear together after (fastK − 1) + (slowK − 1) + (slowD − 1) bars, and fast %K is
/// 0 when the window's high equals its low.</remarks>
public sealed class Stochastic : IIndicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;
    private RollingSum _fastK;
    private RollingSum _slowK;

    public Stochastic(int fastKPeriod = 14, int slowKPeriod = 3, int slowDPeriod = 3)
    {
        FastKPeriod = ParameterRange.Require(fastKPeriod, 1, ParameterRange.MaxPeriod, nameof(fastKPeriod));
        SlowKPeriod = ParameterRange.Require(slowKPeriod, 1, ParameterRange.MaxPeriod, nameof(slowKPeriod));
        SlowDPeriod = ParameterRange.Require(slowDPeriod, 1, ParameterRange.MaxPeriod, nameof(slowDPeriod));
        _highest = RollingExtreme.Highest(fastKPeriod);
        _lowest = RollingExtreme.Lowest(fastKPeriod);
        _fastK = new RollingSum(slowKPeriod);
        _slowK = new RollingSum(slowDPeriod);
    }

    public int FastKPeriod { get; }

    public int SlowKPeriod { get; }

    public int SlowDPeriod { get; }

    public int Lookback => FastKPeriod - 1 + SlowKPeriod - 1 + SlowDPeriod - 1;

    public bool IsReady => _slowK.IsFull;

    /// <summary>Slow %K.</summary>
    public double K { get; private set; } = double.NaN;

    /// <summary>Slow %D.</summary>
    public double D { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        _highest.Push(high);
        _lowest.Push(low);
        if (!_highest.IsFull)
        {
            return;
        }

        // The two smoothing means are summed here rather than by two Sma objects: the three stages form one chain of
        // dependent operations per bar, and every property read and store taken off it shows in the update time.
        var lowest = _lowest.Value;
        var range = (_highest.Value - lowest) / 100.0;
        _fastK.Push(range != 0 ? (close - lowest) / range : 0.0);
        if (!_fastK.IsFull)
        {
            return;
        }

        var k = _fastK.Sum / SlowKPeriod;
        _slowK.Push(k);
        if (_slowK.IsFull)
        {
            K = k;
            D = _slowK.Sum / SlowDPeriod;
        }
    }

    public static (double[] K, double[] D) Compute(BarSeries bars, int fastKPeriod = 14, int slowKPeriod = 3, int slowDPeriod = 3)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var stochastic = new Stochastic(fastKPeriod, slowKPeriod, slowDPeriod);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var k = new double[bars.Count];
        var d = new double[bars.Count];
        for (var i = 0; i < k.Length; i++)
        {
            stochastic.Update(high[i], low[i], close[i]);
            k[i] = stochastic.K;
            d[i] = stochastic.D;
        }

        return (k, d);
    }
}
