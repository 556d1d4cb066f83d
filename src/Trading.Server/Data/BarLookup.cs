using Trading.Domain;

namespace Trading.Server.Data;

/// <summary>The answer to "the bars of this symbol in this range": the bars, or why there are none and which
/// status says it (404 when nobody has them, 422 when the stored ones break the bar rule, 503 when the provider that
/// might could not be asked).</summary>
internal readonly record struct BarLookup(BarSeries? Series, int Status, string? Reason)
{
    public static BarLookup Found(BarSeries series) => new(series, StatusCodes.Status200OK, null);

    public static BarLookup NotFound(string reason) => new(null, StatusCodes.Status404NotFound, reason);

    public static BarLookup Unusable(string reason) => new(null, StatusCodes.Status422UnprocessableEntity, reason);

    public static BarLookup Unavailable(string reason) => new(null, StatusCodes.Status503ServiceUnavailable, reason);
}
