using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>From rows to series: each symbol's rows sorted, a date given twice resolved by the conflict policy, the
/// columns built.</summary>
public sealed partial class CsvBarImport
{
    /// <summary>One series per symbol from its sorted rows: one row per time, identical repeats dropped.</summary>
    private (List<BarSeries> Series, int Duplicates) Resolve(bool reportConflicts)
    {
        var series = new List<BarSeries>(_rowsBySymbol.Count);
        var duplicates = 0;
        foreach (var (symbol, rows) in _rowsBySymbol.OrderBy(p => p.Key))
        {
            var kept = new List<Row>(rows.Count);
            var start = 0;
            while (start < rows.Count)
            {
                var end = start + 1;
                while (end < rows.Count && rows[end].Time == rows[start].Time)
                {
                    end++;
                }

                var first = rows[start];
                var conflict = false;
                for (var i = start + 1; i < end; i++)
                {
                    if (rows[i].SameValues(first))
                    {
                        duplicates++;
                    }
                    else
                    {
                        conflict = true;
                        if (reportConflicts && OnConflict == CsvConflictPolicy.Refuse)
                        {
                            _conflictProblems++;
                            Report(
                                rows[i].Source,
                                rows[i].Line,
                                $"{Interval.Format(rows[i].Time)} appears twice with different values (also at {Place(first.Source, first.Line)})");
                        }
                    }
                }

                if (conflict && reportConflicts)
                {
                    for (var i = start; i < end; i++)
                    {
                        _files[rows[i].Source].Conflict(first.Time, skip: OnConflict == CsvConflictPolicy.SkipFile);
                    }
                }

                kept.Add(OnConflict == CsvConflictPolicy.KeepLast ? rows[end - 1] : first);
                start = end;
            }

            if (kept.Count > 0)
            {
                series.Add(ToSeries(symbol, kept));
            }
        }

        return (series, duplicates);
    }

    private static bool IsSorted(List<Row> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i].Time < rows[i - 1].Time)
            {
                return false;
            }
        }

        return true;
    }

    private BarSeries ToSeries(Symbol symbol, List<Row> rows)
    {
        var builder = new BarSeriesBuilder(rows.Count);
        foreach (var r in rows)
        {
            builder.Add(r.Time, r.Open, r.High, r.Low, r.Close, r.Volume);
        }

        return builder.ToSeries(symbol, Interval);
    }
}
