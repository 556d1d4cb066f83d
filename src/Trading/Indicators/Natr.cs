using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Normalised ATR: ATR as a percentage of the close (TA-Lib NATR; lookback = period; 0 on a zero close).</summary>
public sealed class Natr : IIndicator
{
    private readonly Atr _atr;

    public Natr(int period = 14)
    {
        _atr = new Atr(period);
    }

    public int Period => _atr.Period;

    public int Lookback => _atr.Lookback;

    public bool IsReady => _atr.IsReady;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        _atr.Update(high, low, close);
        if (_atr.IsReady)
        {
            Value = close != 0 ? (_atr.Value / close) * 100.0 : 0.0;
        }
    }

    public static double[] Compute(BarSeries bars, int period = 14)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var natr = new Natr(period);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            natr.Update(high[i], low[i], close[i]);
            output[i] = natr.Value;
        }

        return output;
    }
}
