using Trading.Domain;

namespace Trading.Data.Storage.Postgres;

/// <summary>A batch as the PostgreSQL store sends it: every bar checked, and each series and corporate action key
/// once, so that a set-based upsert never meets the same key twice.</summary>
/// <remarks>
/// Checking happens before any connection is opened, so a bad bar costs no round trip and stores nothing. A batch
/// that names a series (or an action) twice keeps the later bars (or value), as writing them one after the other
/// would; PostgreSQL's <c>INSERT ... ON CONFLICT</c> refuses to touch one row twice in a statement.
/// </remarks>
internal sealed class CheckedBatch
{
    private CheckedBatch(IReadOnlyList<BarSeries> series, IReadOnlyList<CorporateAction> actions, long barsWritten)
    {
        Series = series;
        Actions = actions;
        BarsWritten = barsWritten;
    }

    public IReadOnlyList<BarSeries> Series { get; }

    public IReadOnlyList<CorporateAction> Actions { get; }

    /// <summary>The bars of the batch as given, repeats included, as the SQLite store counts them.</summary>
    public long BarsWritten { get; }

    public bool IsEmpty => Series.Count == 0 && Actions.Count == 0;

    /// <summary>Checks every bar (the <see cref="BarRule"/>, whole seconds) and folds repeated keys together.</summary>
    /// <exception cref="ArgumentException">A bar cannot be stored; the message names it.</exception>
    public static CheckedBatch From(MarketDataBatch batch, CancellationToken cancellationToken)
    {
        var bySeries = new Dictionary<(Symbol, Interval), List<BarSeries>>();
        var order = new List<(Symbol, Interval)>();
        long written = 0;
        for (var s = 0; s < batch.Series.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var series = batch.Series[s];
            if (series.IsEmpty)
            {
                continue;
            }

            Check(series);
            written += series.Count;
            var key = (series.Symbol, series.Interval);
            if (!bySeries.TryGetValue(key, out var parts))
            {
                bySeries[key] = parts = new List<BarSeries>(1);
                order.Add(key);
            }

            parts.Add(series);
        }

        var merged = new List<BarSeries>(order.Count);
        foreach (var key in order)
        {
            var parts = bySeries[key];
            merged.Add(parts.Count == 1 ? parts[0] : LaterWins(parts));
        }

        var actions = new Dictionary<(Symbol, DateOnly, CorporateActionKind), CorporateAction>();
        foreach (var action in batch.Actions)
        {
            actions[(action.Symbol, action.ExDate, action.Kind)] = action;
        }

        return new CheckedBatch(merged, [.. actions.Values], written);
    }

    private static void Check(BarSeries series)
    {
        var time = series.Time;
        var open = series.Open;
        var high = series.High;
        var low = series.Low;
        var close = series.Close;
        var volume = series.Volume;
        for (var i = 0; i < series.Count; i++)
        {
            if (BarRule.Problem(time[i], open[i], high[i], low[i], close[i], volume[i]) is { } problem)
            {
                throw new InvalidBarException(series.Symbol, series.Interval, time[i], problem);
            }

            // timestamptz would keep microseconds, but the SQLite store keeps seconds: both stores refuse the same bars.
            if (time[i].Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new ArgumentException(
                    $"Bar times are stored to the second; the {series.Symbol} {series.Interval} bar at {time[i]:O} has a " +
                    "fraction of a second. Nothing of the batch was stored.",
                    nameof(series));
            }
        }
    }

    private static BarSeries LaterWins(List<BarSeries> parts)
    {
        var bars = new SortedDictionary<DateTime, Bar>();
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Count; i++)
            {
                bars[part.Time[i]] = part[i];
            }
        }

        return BarSeries.FromBars(parts[0].Symbol, parts[0].Interval, bars.Values);
    }
}
