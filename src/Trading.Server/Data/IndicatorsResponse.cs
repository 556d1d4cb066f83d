namespace Trading.Server.Data;

/// <summary>Indicator columns for one symbol: <c>data_points</c> carry the date, the close and one member per column
/// (<c>"sma(20)"</c>, <c>"macd(12,26,9).signal"</c>), null before the first valid value.</summary>
internal sealed record IndicatorsResponse(
    string Symbol,
    string Interval,
    string Adjustment,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> DataPoints);
