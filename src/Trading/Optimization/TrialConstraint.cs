using System.Globalization;

namespace Trading.Optimization;

/// <summary>A bound a trial must keep to rank with the rest: <c>max_drawdown&lt;0.25</c>, <c>trades&gt;=20</c>.</summary>
public sealed record TrialConstraint(SweepMetric Metric, string Operator, double Bound)
{
    private static readonly string[] Operators = ["<=", ">=", "<", ">"];

    /// <summary>Reads <c>metric op value</c> (op one of &lt; &lt;= &gt; &gt;=; spaces allowed).</summary>
    /// <exception cref="ArgumentException">One line: what is wrong, with the operators or the metrics.</exception>
    public static TrialConstraint Parse(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        foreach (var op in Operators)
        {
            var at = trimmed.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var name = trimmed[..at].Trim();
            var value = trimmed[(at + op.Length)..].Trim();
            SweepMetric metric;
            try
            {
                metric = SweepMetric.Parse(name);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"'{text}': {e.Message}", e);
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) || !double.IsFinite(bound))
            {
                throw new ArgumentException($"'{text}': the bound must be a number (like max_drawdown<0.25); got '{value}'");
            }

            return new TrialConstraint(metric, op, bound);
        }

        throw new ArgumentException($"'{text}' is not metric<value, <=, > or >= (like max_drawdown<0.25 or trades>=20); metrics: {SweepMetric.Names}");
    }

    /// <summary>Whether <paramref name="trial"/> keeps the bound; a metric the run lacks (NaN) never does.</summary>
    public bool IsMet(TrialResult trial)
    {
        var value = Metric.Value(trial);
        return Operator switch
        {
            "<" => value < Bound,
            "<=" => value <= Bound,
            ">" => value > Bound,
            _ => value >= Bound,
        };
    }

    /// <summary><c>max_drawdown&lt;0.25</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric.Name}{Operator}{Bound}");
}
