using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Donchian channel: highest high and lowest low of the last <see cref="Period"/> bars, including the
/// current one, and their midpoint (TA-Lib MAX(high), MIN(low), MIDPRICE; lookback period − 1).</summary>
/// <remarks>A breakout rule such as "close above the 20-day high" must compare with the previous bar's upper band,
/// since the current bar is part of its own channel.</remarks>
public sealed class Donchian : IIndicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;

    public Donchian(int period = 20)
    {
        Period = ParameterRange.Require(period, 1, ParameterRange.MaxPeriod, nameof(period));
        _highest = RollingExtreme.Highest(period);
        _lowest = RollingExtreme.Lowest(period);
    }

    public int Period { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _highest.IsFull;

    public double Upper { get; private set; } = double.NaN;

    public double Middle { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low);

    public void Update(double high, double low)
    {
        _highest.Push(high);
        _lowest.Push(low);
        if (_highest.IsFull)
        {
            Upper = _highest.Value;
            Lower = _lowest.Value;
            Middle = (Upper + Lower) / 2.0;
        }
    }

    public static (double[] Upper, double[] Middle, double[] Lower) Compute(BarSeries bars, int period = 20)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var donchian = new Donchian(period);
        var high = bars.High;
        var low = bars.Low;
        var upper = new double[bars.Count];
        var middle = new double[bars.Count];
        var lower = new double[bars.Count];
        for (var i = 0; i < upper.Length; i++)
        {
            donchian.Update(high[i], low[i]);
            upper[i] = donchian.Upper;
            middle[i] = donchian.Middle;
            lower[i] = donchian.Lower;
        }

        return (upper, middle, lower);
    }
}
