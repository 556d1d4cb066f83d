using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Keltner channel in the modern (Linda Raschke / StockCharts) form: middle = EMA(<see cref="Period"/>) of
/// the close, bands = middle ± <see cref="Multiplier"/> × ATR(<see cref="AtrPeriod"/>); defaults 20, 2, 10.</summary>
/// <remarks>The EMA and the ATR follow TA-Lib (SMA seed, Wilder smoothing), so the channel equals
/// TA-Lib EMA ± multiplier × TA-Lib ATR and appears after max(period − 1, atrPeriod) bars.</remarks>
public sealed class Keltner : IIndicator
{
    private readonly Ema _middle;
    private readonly Atr _atr;

    public Keltner(int period = 20, double multiplier = 2.0, int atrPeriod = 10)
    {
        Period = ParameterRange.Require(period, 1, ParameterRange.MaxPeriod, nameof(period));
        Multiplier = ParameterRange.Require(multiplier, 0.0, 100.0, nameof(multiplier));
        AtrPeriod = ParameterRange.Require(atrPeriod, 1, ParameterRange.MaxPeriod, nameof(atrPeriod));
        _middle = new Ema(period);
        _atr = new Atr(atrPeriod);
    }

    public int Period { get; }

    public double Multiplier { get; }

    public int AtrPeriod { get; }

    public int Lookback => Math.Max(_middle.Lookback, _atr.Lookback);

    public bool IsReady => _middle.IsReady && _atr.IsReady;

    public double Upper { get; private set; } = double.NaN;

    public double Middle { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        _middle.Update(close);
        _atr.Update(high, low, close);
        if (_middle.IsReady && _atr.IsReady)
        {
            var middle = _middle.Value;
            var width = Multiplier * _atr.Value;
            Middle = middle;
            Upper = middle + width;
            Lower = middle - width;
        }
    }

    public static (double[] Upper, double[] Middle, double[] Lower) Compute(
        BarSeries bars, int period = 20, double multiplier = 2.0, int atrPeriod = 10)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var keltner = new Keltner(period, multiplier, atrPeriod);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var upper = new double[bars.Count];
        var middle = new double[bars.Count];
        var lower = new double[bars.Count];
        for (var i = 0; i < upper.Length; i++)
        {
            keltner.Update(high[i], low[i], close[i]);
            upper[i] = keltner.Upper;
            middle[i] = keltner.Middle;
            lower[i] = keltner.Lower;
        }

        return (upper, middle, lower);
    }
}
