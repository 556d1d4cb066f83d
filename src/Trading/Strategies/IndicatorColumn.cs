using Trading.Domain;
using Trading.Indicators;

namespace Trading.Strategies;

/// <summary>Finds the indicator output a strategy names (<c>macd(12,26,9).signal</c>) and computes it over a series.</summary>
internal static class IndicatorColumn
{
    public static double[] Of(BarSeries bars, string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        // The spec is everything before an output suffix: "bbands(20,2).upper" -> "bbands(20,2)".
        var close = column.LastIndexOf(')');
        var dot = column.IndexOf('.', close < 0 ? 0 : close);
        var spec = IndicatorSpec.ParseOne(dot < 0 ? column : column[..dot]);
        var columns = spec.Columns;
        var wanted = dot < 0 ? spec.Name : spec.Name + column[dot..];
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], wanted, StringComparison.Ordinal))
            {
                return spec.Compute(bars)[i];
            }
        }

        throw new ArgumentException($"'{column}' is not an output of {spec.Name}; its outputs are {string.Join(", ", columns)}.", nameof(column));
    }
}
