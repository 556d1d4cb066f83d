using System.Runtime.Intrinsics;
using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Least-squares line through the last <see cref="Period"/> values against 0 … period − 1: its slope (per
/// bar, as TA-Lib LINEARREG_SLOPE) and R² (the square of TA-Lib CORREL of time and value); lookback period − 1.</summary>
/// <remarks>
/// With <see cref="OfLogarithm"/>, the line is fitted to ln(value), so the slope is a continuously compounded growth
/// rate per bar; exp(slope × 252) − 1 annualises it for daily bars (Clenow's momentum score).
/// R² is 0 for a window whose values are all equal (no variance to explain), as TA-Lib CORREL gives 0 there.
/// Σy, Σy² and Σ(i·y) slide in O(1): moving the window one bar lowers every remaining weight by one.
/// </remarks>
public sealed class LinearRegression : IPriceIndicator
{
    // y and y² of the window share one ring, in the two lanes of a vector, and one compensated running sum: each lane
    // rounds exactly as a scalar sum would, at the cost of one.
    private readonly Vector128<double>[] _window;
    private Vector128<double> _sum;
    private Vector128<double> _compensation;
    private int _next;
    private int _count;
    private readonly double _sumX;
    private readonly double _xVarianceTimesN2;
    private CompensatedSum _weighted;
    private double _shift = double.NaN;

    public LinearRegression(int period = 90, bool ofLogarithm = false)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
        OfLogarithm = ofLogarithm;
        _window = new Vector128<double>[period];
        double n = period;
        _sumX = n * (n - 1) / 2.0;
        var sumXSquared = (n - 1) * n * ((2 * n) - 1) / 6.0;
        _xVarianceTimesN2 = (n * sumXSquared) - (_sumX * _sumX);
    }

    public int Period { get; }

    public bool OfLogarithm { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _count == Period;

    public double Slope { get; private set; } = double.NaN;

    public double RSquared { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        var y = OfLogarithm ? Math.Log(value) : value;

        // Slope and R² do not change when every y moves by the same amount; fitting y − (first y) keeps Σy² − (Σy)²/n
        // from cancelling away the digits that matter (a flat window then has exactly zero variance).
        if (double.IsNaN(_shift))
        {
            _shift = y;
        }

        y -= _shift;
        var window = _window;
        var next = _next;
        var oldest = window[next];
        if (_count == Period)
        {
            _weighted.Add(((Period - 1) * y) - (_sum + _compensation).GetElement(0) + oldest.GetElement(0));
        }
        else
        {
            _weighted.Add(_count * y);
        }

        // Kahan–Babuška on the difference from the value leaving (0 while the window fills), as RollingSum does.
        var entry = Vector128.Create(y, y * y);
        var change = entry - oldest;
        var total = _sum + change;
        var bigPart = total - _sum;
        _compensation += (_sum - (total - bigPart)) + (change - bigPart);
        _sum = total;
        window[next] = entry;
        _next = next + 1 == window.Length ? 0 : next + 1;
        if (_count < Period && ++_count < Period)
        {
            return;
        }

        double n = Period;
        var sums = _sum + _compensation;
        var sumY = sums.GetElement(0);
        var covarianceTimesN2 = (n * _weighted.Value) - (_sumX * sumY);
        var yVarianceTimesN2 = (n * sums.GetElement(1)) - (sumY * sumY);
        var slope = covarianceTimesN2 / _xVarianceTimesN2;
        Slope = slope;
        RSquared = yVarianceTimesN2 > 0 ? Math.Min(1.0, slope * (covarianceTimesN2 / yVarianceTimesN2)) : 0.0;
    }

    public static (double[] Slope, double[] RSquared) Compute(ReadOnlySpan<double> values, int period = 90, bool ofLogarithm = false)
    {
        var regression = new LinearRegression(period, ofLogarithm);
        var slope = new double[values.Length];
        var rSquared = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            regression.Update(values[i]);
            slope[i] = regression.Slope;
            rSquared[i] = regression.RSquared;
        }

        return (slope, rSquared);
    }
}
