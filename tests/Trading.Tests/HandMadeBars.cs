namespace Trading.Tests;

/// <summary>Small CSV paths written by hand, whose averages and crossings can be worked out on paper.</summary>
internal static class HandMadeBars
{
    /// <summary>Ten days: closes 10, 9, 8, 9, 11, 13, 12, 10, 8, 7 (opens the same): down, then up (a fast average
    /// crosses above a slow one), then down.</summary>
    public const string TenDays = """
        Date,Open,High,Low,Close,Volume
        2024-01-01,10,10,10,10,1000
        2024-01-02,9,9,9,9,1000
        2024-01-03,8,8,8,8,1000
        2024-01-04,9,9,9,9,1000
        2024-01-05,11,11,11,11,1000
        2024-01-08,13,13,13,13,1000
        2024-01-09,12,12,12,12,1000
        2024-01-10,10,10,10,10,1000
        2024-01-11,8,8,8,8,1000
        2024-01-12,7,7,7,7,1000
        """;
}
