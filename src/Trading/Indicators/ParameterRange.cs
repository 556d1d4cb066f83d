namespace Trading.Indicators;

/// <summary>Constructor checks that name the bad value and the range that would be valid.</summary>
internal static class ParameterRange
{
    /// <summary>TA-Lib's upper bound for every period.</summary>
    public const int MaxPeriod = 100_000;

    public static int Require(int value, int min, int max, string name) =>
        value < min || value > max
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}; got {value}.")
            : value;

    public static double Require(double value, double min, double max, string name) =>
        !(value >= min && value <= max)
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}; got {value}.")
            : value;
}
