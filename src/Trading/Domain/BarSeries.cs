using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trading.Domain;

/// <summary>
/// The bars of one symbol at one interval, stored by column (times, open, high, low, close, volume) so that
/// indicators and the backtest loop read contiguous arrays of double, as numpy does.
/// </summary>
/// <remarks>
/// Invariants, checked on construction: all columns have the same length, times are UTC and strictly increasing
/// (sorted, unique). A series is immutable; <see cref="Slice"/> and <see cref="Between"/> are views that share the
/// parent's arrays, so slicing a 25-year series costs nothing.
/// </remarks>
public sealed class BarSeries
{
    private readonly DateTime[] _time;
    private readonly double[] _open;
    private readonly double[] _high;
    private readonly double[] _low;
    private readonly double[] _close;
    private readonly double[] _volume;
    private readonly int _offset;

    /// <summary>Takes ownership of the arrays (callers must not change them afterwards) and checks the invariants.</summary>
    public BarSeries(
        Symbol symbol,
        Interval interval,
        DateTime[] time,
        double[] open,
        double[] high,
        double[] low,
        double[] close,
        double[] volume)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(close);
        ArgumentNullException.ThrowIfNull(volume);
        var n = time.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
        {
            throw new ArgumentException(
                $"All columns of a bar series must have the same length; times have {n}, open {open.Length}, " +
                $"high {high.Length}, low {low.Length}, close {close.Length}, volume {volume.Length}.");
        }

        for (var i = 0; i < n; i++)
        {
            if (time[i].Kind != DateTimeKind.Utc)
            {
                throw new ArgumentException($"Bar times must be UTC; bar {i} at {time[i]:O} is {time[i].Kind}.", nameof(time));
            }

            if (i > 0 && time[i] <= time[i - 1])
            {
                throw new ArgumentException(
                    $"Bar times must be strictly increasing; bar {i} at {time[i]:O} does not come after {time[i - 1]:O}.",
                    nameof(time));
            }
        }

        Symbol = symbol;
        Interval = interval;
        _time = time;
        _open = open;
        _high = high;
        _low = low;
        _close = close;
        _volume = volume;
        _offset = 0;
        Count = n;
    }

    // A view of the first `count` bars of columns that may be longer (a builder's, still growing); the caller has
    // checked the bars as they were added.
    internal BarSeries(Symbol symbol, Interval interval, DateTime[] time, double[] open, double[] high, double[] low, double[] close, double[] volume, int count)
    {
        Symbol = symbol;
        Interval = interval;
        _time = time;
        _open = open;
        _high = high;
        _low = low;
        _close = close;
        _volume = volume;
        _offset = 0;
        Count = count;
    }

    private BarSeries(BarSeries parent, int offset, int count)
    {
        Symbol = parent.Symbol;
        Interval = parent.Interval;
        _time = parent._time;
        _open = parent._open;
        _high = parent._high;
        _low = parent._low;
        _close = parent._close;
        _volume = parent._volume;
        _offset = offset;
        Count = count;
    }

    public Symbol Symbol { get; }

    public Interval Interval { get; }

    public int Count { get; }

    public bool IsEmpty => Count == 0;

    public ReadOnlySpan<DateTime> Time => _time.AsSpan(_offset, Count);

    public ReadOnlySpan<double> Open => _open.AsSpan(_offset, Count);

    public ReadOnlySpan<double> High => _high.AsSpan(_offset, Count);

    public ReadOnlySpan<double> Low => _low.AsSpan(_offset, Count);

    public ReadOnlySpan<double> Close => _close.AsSpan(_offset, Count);

    public ReadOnlySpan<double> Volume => _volume.AsSpan(_offset, Count);

    /// <summary>The close column as stored, from the start of the parent series: bar i of this view is
    /// <c>CloseColumn[Start + i]</c>. For a loop that reads many series at once, one array access less per read.</summary>
    internal double[] CloseColumn => _close;

    /// <summary>The time column as stored, from the start of the parent series (see <see cref="CloseColumn"/>).</summary>
    internal DateTime[] TimeColumn => _time;

    /// <summary>Where this view's first bar is in the stored columns (0 unless it is a slice).</summary>
    internal int Start => _offset;

    public Bar this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

            // Checked once above against Count, which every column covers from _offset (an invariant of
            // construction), so the six reads skip their own bounds checks: a fill reads a bar of a symbol whose
            // columns are otherwise untouched, and every instruction of that read waits on memory.
            var i = _offset + index;
            return new Bar(At(_time, i), At(_open, i), At(_high, i), At(_low, i), At(_close, i), At(_volume, i));
        }
    }

    private static T At<T>(T[] column, int i) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(column), i);

    // One field of bar `index`, unchecked: for a reader that checked the index against Count once (BarView).
    internal DateTime TimeAt(int index) => At(_time, _offset + index);

    internal double OpenAt(int index) => At(_open, _offset + index);

    internal double HighAt(int index) => At(_high, _offset + index);

    internal double LowAt(int index) => At(_low, _offset + index);

    internal double CloseAt(int index) => At(_close, _offset + index);

    internal double VolumeAt(int index) => At(_volume, _offset + index);

    public DateTime FirstTime => Count > 0 ? _time[_offset] : throw new InvalidOperationException($"The {Symbol} {Interval} series is empty.");

    public DateTime LastTime => Count > 0 ? _time[_offset + Count - 1] : throw new InvalidOperationException($"The {Symbol} {Interval} series is empty.");

    public static BarSeries Empty(Symbol symbol, Interval interval) =>
        new(symbol, interval, [], [], [], [], [], []);

    /// <summary>Builds a series from bars in any order; refuses two bars with the same time.</summary>
    public static BarSeries FromBars(Symbol symbol, Interval interval, IEnumerable<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var builder = new BarSeriesBuilder();
        foreach (var bar in bars.OrderBy(b => b.Time))
        {
            builder.Add(bar with { Time = bar.Time.Kind == DateTimeKind.Utc ? bar.Time : DateTime.SpecifyKind(bar.Time, DateTimeKind.Utc) });
        }

        return builder.ToSeries(symbol, interval);
    }

    /// <summary>A view of <paramref name="count"/> bars starting at <paramref name="start"/>.</summary>
    public BarSeries Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count);
        return new BarSeries(this, _offset + start, count);
    }

    /// <summary>The last <paramref name="count"/> bars (fewer if the series is shorter).</summary>
    public BarSeries Window(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = Math.Min(count, Count);
        return Slice(Count - n, n);
    }

    /// <summary>A view of the bars with <paramref name="from"/> &lt;= time &lt;= <paramref name="to"/> (both inclusive; null is open-ended).</summary>
    public BarSeries Between(DateTime? from, DateTime? to)
    {
        var start = from is { } f ? LowerBound(f) : 0;
        var end = to is { } t ? UpperBound(t) : Count;
        return end <= start ? Slice(start, 0) : Slice(start, end - start);
    }

    /// <summary>The index of the last bar stamped at or before <paramref name="time"/>, or -1 if there is none.</summary>
    public int IndexAtOrBefore(DateTime time) => UpperBound(time) - 1;

    /// <summary>The first index whose time is at or after <paramref name="time"/>.</summary>
    private int LowerBound(DateTime time)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_time[_offset + mid] < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first index whose time is after <paramref name="time"/>.</summary>
    private int UpperBound(DateTime time)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_time[_offset + mid] <= time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public IEnumerable<Bar> Bars()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    public override string ToString() => Count == 0
        ? $"{Symbol} {Interval}: no bars"
        : $"{Symbol} {Interval}: {Count} bars {FirstTime:yyyy-MM-dd} to {LastTime:yyyy-MM-dd}";
}
