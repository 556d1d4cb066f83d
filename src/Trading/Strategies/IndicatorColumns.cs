using System.Collections.Concurrent;
using Trading.Domain;
using Trading.Engine;

namespace Trading.Strategies;

/// <summary>Indicator columns over one data snapshot (a universe and its corporate actions), each computed once, when
/// first asked for, and shared read-only by every run over the snapshot: the sma(20) of a symbol is computed once for
/// the hundred trials of a search that use it, not by each.</summary>
/// <remarks>
/// Thread-safe: runs asking at once for a column not yet computed wait for one computation. Memory is bounded by
/// <see cref="ByteCap"/> (the values' bytes, 8 a bar): columns are kept until they would pass it, and a column asked
/// for after that is not kept (<see cref="Column"/> answers null and the run computes its own, as a run without the
/// store does). None is ever dropped, so a column a run holds never changes.
/// </remarks>
public sealed class IndicatorColumns
{
    /// <summary>256 MiB: 50 distinct indicators over 500 symbols of 5 years of daily bars (5 MB each). Kept modest:
    /// a kept column is memory for the whole search (sma_cross's two averages shared over 1,000 trials took peak memory
    /// from 220 to 680 MB, for no speed, so it streams them).</summary>
    public const long DefaultByteCap = 256L << 20;

    private readonly BarSeries[] _universe;
    private readonly IReadOnlyList<CorporateAction> _actions;
    private readonly int[][] _splitBars;
    private readonly ConcurrentDictionary<Key, Lazy<SharedColumn>> _columns = new();
    private long _bytes;
    private int _computed;

    /// <param name="universe">The series runs will trade, in their order (a column is addressed by the symbol's index).</param>
    /// <param name="actions">Their corporate actions: where the splits fall.</param>
    /// <param name="byteCap">The most bytes of values kept.</param>
    public IndicatorColumns(IReadOnlyList<BarSeries> universe, IReadOnlyList<CorporateAction> actions, long byteCap = DefaultByteCap)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentOutOfRangeException.ThrowIfNegative(byteCap);
        _universe = [.. universe];
        _actions = actions;
        ByteCap = byteCap;
        var splits = SplitsBySymbol(actions);
        _splitBars = new int[_universe.Length][];
        for (var s = 0; s < _universe.Length; s++)
        {
            _splitBars[s] = CorporateActionSchedule.BarsTaken(_universe[s], splits.GetValueOrDefault(_universe[s].Symbol) ?? []);
        }
    }

    /// <summary>The most bytes of column values kept.</summary>
    public long ByteCap { get; }

    /// <summary>Bytes of the columns kept so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>How many columns have been computed (each once).</summary>
    public int Computed => Volatile.Read(ref _computed);

    /// <summary>Whether these are the columns of a run over <paramref name="universe"/> (the same series, in the same
    /// order) with <paramref name="actions"/> (the same list): a column is only right for the data it was computed from.</summary>
    public bool IsFor(IReadOnlyList<BarSeries> universe, IReadOnlyList<CorporateAction> actions)
    {
        ArgumentNullException.ThrowIfNull(universe);
        if (!ReferenceEquals(actions, _actions) || universe.Count != _universe.Length)
        {
            return false;
        }

        for (var s = 0; s < _universe.Length; s++)
        {
            if (!ReferenceEquals(universe[s], _universe[s]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The bars of symbol <paramref name="symbol"/> before which the engine applies a split (and a strategy
    /// restarts its indicators), in order.</summary>
    public IReadOnlyList<int> SplitBars(int symbol) => _splitBars[symbol];

    /// <summary>The column <paramref name="column"/> (<c>sma(20)</c>, <c>macd(12,26,9).signal</c>) of symbol
    /// <paramref name="symbol"/>, computed on first request; started again at each split when
    /// <paramref name="restartAtSplits"/>. Null when keeping it would pass <see cref="ByteCap"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a known indicator column.</exception>
    public SharedColumn? Column(int symbol, string column, bool restartAtSplits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbol);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(symbol, _universe.Length);
        ArgumentNullException.ThrowIfNull(column);
        var key = new Key(symbol, column, restartAtSplits);
        if (_columns.TryGetValue(key, out var kept))
        {
            return kept.Value;
        }

        // Room is taken before the column is computed, so that runs asking at once cannot together pass the cap.
        var size = (long)_universe[symbol].Count * sizeof(double);
        if (Interlocked.Add(ref _bytes, size) > ByteCap)
        {
            Interlocked.Add(ref _bytes, -size);
            return null;
        }

        var mine = new Lazy<SharedColumn>(() => Compute(key), LazyThreadSafetyMode.ExecutionAndPublication);
        var winner = _columns.GetOrAdd(key, mine);
        if (!ReferenceEquals(winner, mine))
        {
            Interlocked.Add(ref _bytes, -size);
        }

        return winner.Value;
    }

    /// <summary>With the same indicator class over the same closes as a strategy streaming it: a fresh indicator per
    /// stretch between splits is the streaming indicator restarted at each, bit for bit.</summary>
    private SharedColumn Compute(Key key)
    {
        var series = _universe[key.Symbol];
        var values = new double[series.Count];
        var restarts = key.RestartAtSplits ? _splitBars[key.Symbol] : [];
        var start = 0;
        for (var k = 0; k <= restarts.Length; k++)
        {
            var end = k < restarts.Length ? restarts[k] : series.Count;
            if (end > start)
            {
                IndicatorColumn.Of(series.Slice(start, end - start), key.Column).CopyTo(values, start);
            }

            start = end;
        }

        Interlocked.Increment(ref _computed);
        return new SharedColumn(key.Symbol, key.Column, key.RestartAtSplits, values);
    }

    private static Dictionary<Symbol, List<DateOnly>> SplitsBySymbol(IReadOnlyList<CorporateAction> actions)
    {
        var splits = new Dictionary<Symbol, List<DateOnly>>();
        foreach (var action in actions)
        {
            if (action.Kind == CorporateActionKind.Split)
            {
                if (!splits.TryGetValue(action.Symbol, out var dates))
                {
                    dates = [];
                    splits.Add(action.Symbol, dates);
                }

                dates.Add(action.ExDate);
            }
        }

        return splits;
    }

    private readonly record struct Key(int Symbol, string Column, bool RestartAtSplits);
}
