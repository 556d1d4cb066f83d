namespace Trading.Indicators;

/// <summary>One numeric parameter of an indicator as the command line spells it: its name, default and valid range.</summary>
internal sealed record IndicatorParameter(string Name, double Default, double Min, double Max, bool IsInteger = true)
{
    public static IndicatorParameter Period(double @default, int min = 2) =>
        new("period", @default, min, ParameterRange.MaxPeriod);
}
