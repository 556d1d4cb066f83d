using Trading.Domain;

namespace Trading.Indicators;

/// <summary>What the command line may ask for: an indicator's name, parameters, outputs and how to compute it.</summary>
/// <param name="Outputs">Column suffixes of a multi-output indicator (<c>upper</c>, <c>middle</c>, …), or empty for one column.</param>
/// <param name="AcceptsLogFlag">Whether <c>log</c> may appear among the arguments (fit ln(close) instead of close).</param>
/// <param name="NameOmitsDefaults">Whether the column name leaves out arguments equal to their defaults (<c>vwap</c>, not <c>vwap(0)</c>).</param>
internal sealed record IndicatorDefinition(
    string Name,
    IndicatorParameter[] Parameters,
    string[] Outputs,
    Func<double[], bool, int> Lookback,
    Func<BarSeries, double[], bool, double[][]> Compute,
    bool AcceptsLogFlag = false,
    bool NameOmitsDefaults = false)
{
    /// <summary>How to call it, with defaults: <c>bbands(period=20,deviations=2)</c>.</summary>
    public string Usage
    {
        get
        {
            if (Parameters.Length == 0)
            {
                return Name;
            }

            var arguments = Parameters.Select(p => $"{p.Name}={IndicatorSpec.Format(p.Default)}");
            if (AcceptsLogFlag)
            {
                arguments = arguments.Append("[log]");
            }

            return $"{Name}({string.Join(",", arguments)})";
        }
    }
}
