namespace Trading.Server.Data;

/// <summary>The original's answer for one symbol (documentation of what <see cref="StockJson"/> writes).</summary>
internal sealed record StockResponse(string Symbol, IReadOnlyList<DataPoint> DataPoints);

/// <summary>One bar: its date (yyyy-MM-dd, or ISO-8601 UTC for intraday bars), prices as traded, and volume.</summary>
internal sealed record DataPoint(string Date, double Open, double High, double Low, double Close, double Volume);
