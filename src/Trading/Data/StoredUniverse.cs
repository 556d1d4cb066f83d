using Trading.Domain;

namespace Trading.Data;

/// <summary>The bars of several symbols and their corporate actions, as one state of the store.</summary>
public sealed record StoredUniverse(IReadOnlyList<BarSeries> Series, IReadOnlyList<CorporateAction> Actions);
