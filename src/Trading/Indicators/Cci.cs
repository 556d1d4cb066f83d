using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Commodity channel index: (typical price − its SMA) / (0.015 × mean absolute deviation), over
/// <see cref="Period"/> bars (TA-Lib CCI; lookback period − 1; 0 when either part is 0).</summary>
/// <remarks>
/// The mean absolute deviation around the current mean has no O(1) update (every deviation changes when the mean
/// moves), so this one update costs O(period); the mean is summed afresh too, which keeps it free of drift.
/// Both sums run four lanes at a time over the ring (its order does not matter to a sum), which takes them off one
/// long chain of dependent additions. That changes the rounding of the mean by an ulp or so, which matters only when
/// the window is flat: there the distance from the mean and the deviation are both rounding noise, and TA-Lib's
/// value depends on the exact order of its additions. So when the deviation is tiny next to the prices (under
/// 2^-20 of their mean magnitude), the window is summed again exactly as TA-Lib does, in ring order, one value at a
/// time.
/// </remarks>
public sealed class Cci : IIndicator
{
    // 2^20: a deviation summed over the window below 2^-20 of the summed magnitudes marks the window as flat.
    private const double FlatWindow = 1 << 20;

    private static readonly Vector256<double> LaneIndex = Vector256.Create(0.0, 1.0, 2.0, 3.0);

    // The ring of typical prices, padded with zeros to whole vectors; the padding adds nothing to the sum and is
    // masked out of the deviation.
    private readonly double[] _typical;
    private readonly Vector256<double> _lastMask;
    private readonly bool _vectorised;
    private readonly double _reciprocalPeriod;
    private readonly double _indexScale;
    private int _next;
    private int _count;

    public Cci(int period = 20)
    {
        Period = ParameterRange.Require(period, 2, ParameterRange.MaxPeriod, nameof(period));
        _reciprocalPeriod = 1.0 / period;
        _indexScale = period / 0.015;
        var lanes = Vector256<double>.Count;
        _vectorised = Vector256.IsHardwareAccelerated && period >= lanes;
        _typical = new double[_vectorised ? (period + lanes - 1) / lanes * lanes : period];
        var valid = period - (_typical.Length - lanes);
        _lastMask = Vector256.Create(valid > 0 ? -1L : 0, valid > 1 ? -1L : 0, valid > 2 ? -1L : 0, valid > 3 ? -1L : 0)
            .AsDouble();
    }

    public int Period { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _count == Period;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public void Update(double high, double low, double close)
    {
        var typical = (high + low + close) / 3;
        Store(typical);
        if (++_next == Period)
        {
            _next = 0;
        }

        if (_count < Period && ++_count < Period)
        {
            return;
        }

        if (!_vectorised || !TrySumInLanes(typical))
        {
            SumInRingOrder(typical);
        }
    }

    // The vectorised sums load whole vectors right after this store; a vector load that overlaps a narrower store still
    // in flight cannot be forwarded from it and waits for it to reach the cache. Writing the whole vector (the new
    // value blended into its lane) lets the next load take it straight from the store.
    private void Store(double typical)
    {
        if (!_vectorised)
        {
            _typical[_next] = typical;
            return;
        }

        ref var start = ref MemoryMarshal.GetArrayDataReference(_typical);
        var lanes = Vector256<double>.Count;
        var offset = (nuint)(_next & -lanes);
        var lane = _next & (lanes - 1);
        var chunk = Vector256.LoadUnsafe(ref start, offset);
        var mask = Vector256.Equals(LaneIndex, Vector256.Create((double)lane));
        Vector256.ConditionalSelect(mask, Vector256.Create(typical), chunk).StoreUnsafe(ref start, offset);
    }

    private bool TrySumInLanes(double typical)
    {
        ref var start = ref MemoryMarshal.GetArrayDataReference(_typical);
        var lanes = (nuint)Vector256<double>.Count;
        var last = (nuint)_typical.Length - lanes;
        var sum = Vector256<double>.Zero;
        var magnitude = Vector256<double>.Zero;
        for (nuint i = 0; i <= last; i += lanes)
        {
            var values = Vector256.LoadUnsafe(ref start, i);
            sum += values;
            magnitude += Vector256.Abs(values);
        }

        var mean = Vector256.Sum(sum) * _reciprocalPeriod;
        var meanInLanes = Vector256.Create(mean);
        var deviations = Vector256<double>.Zero;
        for (nuint i = 0; i < last; i += lanes)
        {
            deviations += Vector256.Abs(Vector256.LoadUnsafe(ref start, i) - meanInLanes);
        }

        deviations += Vector256.Abs(Vector256.LoadUnsafe(ref start, last) - meanInLanes) & _lastMask;
        var deviation = Vector256.Sum(deviations);
        if (deviation * FlatWindow <= Vector256.Sum(magnitude))
        {
            return false;
        }

        // The deviation is not 0 here, and the index is the same quotient with its divisions folded into one.
        Value = (typical - mean) * _indexScale / deviation;
        return true;
    }

    // TA-Lib's own summation: ring order, one value at a time.
    private void SumInRingOrder(double typical)
    {
        var window = _typical.AsSpan(0, Period);
        double sum = 0;
        foreach (var value in window)
        {
            sum += value;
        }

        var mean = sum / Period;
        double deviation = 0;
        foreach (var value in window)
        {
            deviation += Math.Abs(value - mean);
        }

        Value = Index(typical, mean, deviation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Index(double typical, double mean, double deviation)
    {
        var distance = typical - mean;
        return distance != 0 && deviation != 0 ? distance / (0.015 * (deviation / Period)) : 0.0;
    }

    public static double[] Compute(BarSeries bars, int period = 20)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var cci = new Cci(period);
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            cci.Update(high[i], low[i], close[i]);
            output[i] = cci.Value;
        }

        return output;
    }
}
