using Trading.Domain;

namespace Trading.Server.Paper;

/// <summary>What an advance did: where the clock now stands, how many bar times it processed, and the fills.</summary>
internal sealed record AdvanceView(DateTime? AsOf, int BarTimes, IReadOnlyList<FillView> Fills);

/// <summary>One fill.</summary>
internal sealed record FillView(long OrderId, DateTime Time, string Symbol, OrderSide Side, decimal Quantity, decimal Price, decimal Commission);
