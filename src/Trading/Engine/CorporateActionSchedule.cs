using System.Diagnostics.CodeAnalysis;
using Trading.Domain;

namespace Trading.Engine;

/// <summary>Each symbol's corporate actions in ex-date order, taken one by one as the clock reaches their ex-dates.</summary>
/// <remarks>The engine asks at every bar of every symbol whether an action is due, and almost always none is: the
/// answer comes from one compact array of next ex-dates, not from each symbol's own list and action.</remarks>
internal sealed class CorporateActionSchedule
{
    private readonly CorporateAction[][] _actions;
    private readonly int[] _next;

    /// <summary>The ex-date of each symbol's next action, or <see cref="DateOnly.MaxValue"/> when none is left (which
    /// alone does not say none is left: an action may fall on that date).</summary>
    private readonly DateOnly[] _nextExDate;

    /// <summary>Actions of symbols outside the universe are left out (with a warning), and actions dated before a
    /// symbol's first bar would change nothing (no position can exist yet).</summary>
    public CorporateActionSchedule(BarSeries[] series, IReadOnlyList<CorporateAction> actions, List<string> warnings)
    {
        _actions = BySymbol(series, actions, warnings);
        _next = new int[series.Length];
        _nextExDate = new DateOnly[series.Length];
        for (var s = 0; s < series.Length; s++)
        {
            _nextExDate[s] = ExDateAt(s, 0);
        }
    }

    /// <summary>Takes the next action of <paramref name="symbol"/> if its ex-date is on or before <paramref name="date"/>.</summary>
    public bool TryTakeDue(int symbol, DateOnly date, [NotNullWhen(true)] out CorporateAction? action)
    {
        // The sentinel date is a real date too (a bar of 9999-12-31): only a real action is ever taken.
        if (_nextExDate[symbol] > date || _next[symbol] == _actions[symbol].Length)
        {
            action = null;
            return false;
        }

        var next = _next[symbol]++;
        action = _actions[symbol][next];
        _nextExDate[symbol] = ExDateAt(symbol, next + 1);
        return true;
    }

    /// <summary>The bars of <paramref name="series"/> before which a schedule takes actions with these ex-dates, in
    /// order: the first bar dated on or after each ex-date; one on or before the first bar's date, or after the last
    /// bar, is never taken. What a column computed ahead must restart at to match a strategy restarted on a split.</summary>
    public static int[] BarsTaken(BarSeries series, IEnumerable<DateOnly> exDates)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(exDates);
        var times = series.Time;
        var bars = new List<int>();
        foreach (var exDate in exDates)
        {
            if (series.IsEmpty || !Affects(series, exDate))
            {
                continue;
            }

            var bar = times.BinarySearch(exDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            bar = bar < 0 ? ~bar : bar;
            if (bar < times.Length)
            {
                bars.Add(bar);
            }
        }

        bars.Sort();
        return [.. bars];
    }

    /// <summary>An action dated on or before a series' first bar would change nothing: no position can exist yet.</summary>
    private static bool Affects(BarSeries series, DateOnly exDate) => exDate > DateOnly.FromDateTime(series.FirstTime);

    private DateOnly ExDateAt(int symbol, int index) =>
        index < _actions[symbol].Length ? _actions[symbol][index].ExDate : DateOnly.MaxValue;

    /// <summary>Each symbol's actions in ex-date order.</summary>
    private static CorporateAction[][] BySymbol(BarSeries[] series, IReadOnlyList<CorporateAction> actions, List<string> warnings)
    {
        // One pass over the actions into per-symbol buckets (a symbol listed twice gets its actions twice, as before).
        var indices = new Dictionary<Symbol, List<int>>();
        for (var s = 0; s < series.Length; s++)
        {
            if (!indices.TryGetValue(series[s].Symbol, out var list))
            {
                list = [];
                indices.Add(series[s].Symbol, list);
            }

            list.Add(s);
        }

        var buckets = new List<CorporateAction>?[series.Length];
        var unknownSymbols = new HashSet<Symbol>();
        foreach (var action in actions)
        {
            if (!indices.TryGetValue(action.Symbol, out var list))
            {
                unknownSymbols.Add(action.Symbol);
                continue;
            }

            foreach (var s in list)
            {
                // A series that grows from empty (a feed's) keeps all: its caller passes only actions still to come.
                if (series[s].IsEmpty || Affects(series[s], action.ExDate))
                {
                    (buckets[s] ??= []).Add(action);
                }
            }
        }

        var result = new CorporateAction[series.Length][];
        for (var s = 0; s < series.Length; s++)
        {
            result[s] = buckets[s] is { } bucket ? [.. bucket.OrderBy(a => a.ExDate).ThenBy(a => a.Kind)] : [];
        }

        var unknown = unknownSymbols.Count;
        if (unknown > 0)
        {
            warnings.Add($"corporate actions of {unknown} symbols outside the universe were ignored");
        }

        return result;
    }
}
