using BenchmarkDotNet.Attributes;
using Trading.Domain;
using Trading.Indicators;

namespace Trading.Bench;

/// <summary>Streaming update cost of each indicator over one million bars of a random walk; the reported time per
/// operation is the time per bar (OperationsPerInvoke), so updates/s = 1e9 / (ns per op).</summary>
/// <remarks>The inputs are separate arrays, so the loop itself costs about a nanosecond a bar (OBV is little more than
/// that). A random walk is the hard case for branches on direction, which real prices share. Times hold for the
/// periods below; CCI's update is O(period) (its mean deviation has no running form), so it grows with the period.
/// </remarks>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private const int Bars = 1_000_000;

    private double[] _high = [];
    private double[] _low = [];
    private double[] _close = [];
    private double[] _volume = [];
    private Bar[] _bars = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _high = new double[Bars];
        _low = new double[Bars];
        _close = new double[Bars];
        _volume = new double[Bars];
        _bars = new Bar[Bars];
        var price = 100.0;
        var start = new DateTime(2020, 1, 1, 14, 30, 0, DateTimeKind.Utc);
        for (var i = 0; i < Bars; i++)
        {
            var open = price;
            price *= Math.Exp((random.NextDouble() - 0.5) * 0.02);
            _close[i] = price;
            _high[i] = Math.Max(open, price) * (1 + (random.NextDouble() * 0.005));
            _low[i] = Math.Min(open, price) * (1 - (random.NextDouble() * 0.005));
            _volume[i] = 1e5 + (random.NextDouble() * 1e6);
            _bars[i] = new Bar(start.AddMinutes(i), open, _high[i], _low[i], price, _volume[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Sma()
    {
        var indicator = new Sma(20);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Ema()
    {
        var indicator = new Ema(20);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Wma()
    {
        var indicator = new Wma(20);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Rsi()
    {
        var indicator = new Rsi(14);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Macd()
    {
        var indicator = new Macd(12, 26, 9);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Histogram;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double BollingerBands()
    {
        var indicator = new BollingerBands(20, 2);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Upper;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double StandardDeviation()
    {
        var indicator = new StandardDeviation(20, 1);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Roc()
    {
        var indicator = new RateOfChange(10);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Mom()
    {
        var indicator = new Momentum(10);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double LinearRegression()
    {
        var indicator = new LinearRegression(90, ofLogarithm: true);
        foreach (var value in _close)
        {
            indicator.Update(value);
        }

        return indicator.Slope + indicator.RSquared;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double TrueRange()
    {
        var indicator = new TrueRange();
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i]);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Atr()
    {
        var indicator = new Atr(14);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i]);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Natr()
    {
        var indicator = new Natr(14);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i]);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Dmi()
    {
        var indicator = new Dmi(14);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i]);
        }

        return indicator.Adx + indicator.PlusDi;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Stochastic()
    {
        var indicator = new Stochastic(14, 3, 3);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i]);
        }

        return indicator.D;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double WilliamsR()
    {
        var indicator = new WilliamsR(14);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i]);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Cci()
    {
        var indicator = new Cci(20);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i]);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Mfi()
    {
        var indicator = new Mfi(14);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i], _volume[i]);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Obv()
    {
        var indicator = new Obv();
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_close[i], _volume[i]);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Donchian()
    {
        var indicator = new Donchian(20);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i]);
        }

        return indicator.Middle;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Keltner()
    {
        var indicator = new Keltner(20, 2, 10);
        for (var i = 0; i < _close.Length; i++)
        {
            indicator.Update(_high[i], _low[i], _close[i]);
        }

        return indicator.Upper;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double VwapSession()
    {
        var indicator = new Vwap();
        foreach (ref readonly var bar in _bars.AsSpan())
        {
            indicator.Update(in bar);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double VwapRolling()
    {
        var indicator = new Vwap(20);
        foreach (ref readonly var bar in _bars.AsSpan())
        {
            indicator.Update(in bar);
        }

        return indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double SmaFromBars()
    {
        var indicator = new Sma(20);
        foreach (ref readonly var bar in _bars.AsSpan())
        {
            indicator.Update(in bar);
        }

        return indicator.Value;
    }
}
