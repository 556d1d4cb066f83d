using Trading.Domain;

namespace Trading.Data;

/// <summary>Bars and corporate actions that travel together: one import, one fetch, one synthetic market.</summary>
public sealed record MarketDataBatch(IReadOnlyList<BarSeries> Series, IReadOnlyList<CorporateAction> Actions)
{
    public static MarketDataBatch Empty { get; } = new([], []);

    public long BarCount => Series.Sum(s => (long)s.Count);
}
