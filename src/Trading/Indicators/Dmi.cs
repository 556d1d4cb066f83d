using System.Runtime.Intrinsics;
using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Wilder's directional movement system: +DI, −DI and ADX over one <see cref="Period"/>.</summary>
/// <remarks>
/// As TA-Lib: directional movement and true range are summed over the first period − 1 changes, then smoothed by
/// x − x/period + new, so +DI and −DI appear after <see cref="DiLookback"/> = period bars. ADX is the mean of the
/// first period DX values, then Wilder-smoothed, so it appears after <see cref="Lookback"/> = 2 × period − 1 bars.
/// When the smoothed true range or +DI + −DI is zero, DX is undefined and ADX keeps its previous value (TA-Lib).
/// </remarks>
public sealed class Dmi : IIndicator
{
    private double _previousHigh;
    private double _previousLow;
    private double _previousClose;
    private double _plusMovement;
    private double _minusMovement;
    private double _trueRange;
    private double _dxSum;
    private int _changes = -1;

    public Dmi(int period = 14)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
    }

    public int Period { get; }

    /// <summary>Bars before the first ADX.</summary>
    public int Lookback => (2 * Period) - 1;

    /// <summary>Bars before the first +DI and −DI.</summary>
    public int DiLookback => Period;

    /// <summary>True once ADX is valid (and so are +DI and −DI).</summary>
    public bool IsReady => _changes >= Lookback;

    public bool IsDiReady => _changes >= Period;

    public double Adx { get; private set; } = double.NaN;

    public double PlusDi { get; private set; } = double.NaN;

    public double MinusDi { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        if (_changes < 0)
        {
            _previousHigh = high;
            _previousLow = low;
            _previousClose = close;
            _changes = 0;
            return;
        }

        var up = high - _previousHigh;
        var down = _previousLow - low;

        // TA-Lib's rule (the larger positive move counts, the other is 0) as compare masks: which move is larger is a
        // coin toss bar to bar, so branches on it would mispredict half the time.
        var moves = Vector128.Create(up, down);
        var counted = Vector128.GreaterThan(moves, Vector128<double>.Zero)
            & Vector128.GreaterThan(moves, Vector128.Create(down, up));
        moves &= counted;
        var plus = moves.GetElement(0);
        var minus = moves.GetElement(1);

        var trueRange = TrueRange.Of(high, low, _previousClose);
        _previousHigh = high;
        _previousLow = low;
        _previousClose = close;

        if (_changes < Lookback)
        {
            _changes++;
        }

        if (_changes < Period)
        {
            _plusMovement += plus;
            _minusMovement += minus;
            _trueRange += trueRange;
            return;
        }

        _plusMovement = _plusMovement - (_plusMovement / Period) + plus;
        _minusMovement = _minusMovement - (_minusMovement / Period) + minus;
        _trueRange = _trueRange - (_trueRange / Period) + trueRange;
        double dx = 0;
        var hasDx = false;
        if (_trueRange != 0)
        {
            var plusDi = 100.0 * (_plusMovement / _trueRange);
            var minusDi = 100.0 * (_minusMovement / _trueRange);
            PlusDi = plusDi;
            MinusDi = minusDi;
            var total = plusDi + minusDi;
            if (total != 0)
            {
                dx = 100.0 * (Math.Abs(minusDi - plusDi) / total);
                hasDx = true;
            }
        }
        else
        {
            PlusDi = 0;
            MinusDi = 0;
        }

        if (!double.IsNaN(Adx))
        {
            if (hasDx)
            {
                Adx = ((Adx * (Period - 1)) + dx) / Period;
            }

            return;
        }

        _dxSum += dx;
        if (_changes == Lookback)
        {
            Adx = _dxSum / Period;
        }
    }

    public static (double[] Adx, double[] PlusDi, double[] MinusDi) Compute(BarSeries bars, int period = 14)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var dmi = new Dmi(period);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var adx = new double[bars.Count];
        var plusDi = new double[bars.Count];
        var minusDi = new double[bars.Count];
        for (var i = 0; i < adx.Length; i++)
        {
            dmi.Update(high[i], low[i], close[i]);
            adx[i] = dmi.Adx;
            plusDi[i] = dmi.PlusDi;
            minusDi[i] = dmi.MinusDi;
        }

        return (adx, plusDi, minusDi);
    }
}
