using Trading.Strategies.Momentum;

namespace Trading.Server.Signals;

/// <summary>The original's <c>{"signals": [...]}</c>, with the decision date, the regime in words, the universe and
/// top sizes, and the symbols left out for want of bars (as the batch data route lists them).</summary>
internal sealed record SignalsResponse(
    IReadOnlyList<SignalEntry> Signals,
    string AsOf,
    string MarketRegime,
    int UniverseSize,
    int TopCount,
    IReadOnlyDictionary<string, string> Errors)
{
    public static SignalsResponse Of(RankedUniverse ranked)
    {
        var list = SignalList.Of(ranked.Ranking, ranked.Range.Interval);
        return new SignalsResponse(list.Signals, list.AsOf, list.MarketRegime, list.UniverseSize, list.TopCount, ranked.Missing);
    }
}
