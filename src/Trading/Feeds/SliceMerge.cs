using Trading.Domain;

namespace Trading.Feeds;

/// <summary>Merges the series of several symbols into slices, one per distinct bar time, in time order.</summary>
/// <remarks>
/// Each slice costs one pass over the symbols, which both takes the bars at the current time and finds the next time:
/// for a universe whose symbols trade on the same days that is about one comparison per bar, and the only allocation
/// is the slice's own array. (A heap would win only when most symbols have no bar at most times.)
/// </remarks>
internal sealed class SliceMerge
{
    private readonly Symbol[] _symbols;
    private readonly BarSeries[] _series;
    private readonly int[] _next;
    private DateTime _time;
    private int _count;

    /// <param name="symbols">The symbols, in the order slices list them.</param>
    /// <param name="series">Each symbol's bars (empty for none), sorted as every series is.</param>
    public SliceMerge(Symbol[] symbols, BarSeries[] series)
    {
        _symbols = symbols;
        _series = series;
        _next = new int[series.Length];
        (_time, _count) = Earliest();
    }

    /// <summary>The next slice, or false when every series is spent.</summary>
    public bool TryNext(out BarSlice slice)
    {
        if (_count == 0)
        {
            slice = null!;
            return false;
        }

        var time = _time;
        var row = new SymbolBar[_count];
        var taken = 0;
        var nextTime = DateTime.MaxValue;
        var nextCount = 0;
        var series = _series;
        var next = _next;
        for (var s = 0; s < series.Length; s++)
        {
            var one = series[s];
            var i = next[s];
            if (i >= one.Count)
            {
                continue;
            }

            var t = one.TimeAt(i);
            if (t == time)
            {
                row[taken++] = new SymbolBar(
                    _symbols[s],
                    new Bar(t, one.OpenAt(i), one.HighAt(i), one.LowAt(i), one.CloseAt(i), one.VolumeAt(i)));
                next[s] = ++i;
                if (i >= one.Count)
                {
                    continue;
                }

                t = one.TimeAt(i);
            }

            if (t < nextTime)
            {
                nextTime = t;
                nextCount = 1;
            }
            else if (t == nextTime)
            {
                nextCount++;
            }
        }

        _time = nextTime;
        _count = nextCount;
        slice = BarSlice.Own(time, row);
        return true;
    }

    private (DateTime Time, int Count) Earliest()
    {
        var time = DateTime.MaxValue;
        var count = 0;
        foreach (var series in _series)
        {
            if (series.Count == 0)
            {
                continue;
            }

            var t = series.TimeAt(0);
            if (t < time)
            {
                time = t;
                count = 1;
            }
            else if (t == time)
            {
                count++;
            }
        }

        return (time, count);
    }
}
