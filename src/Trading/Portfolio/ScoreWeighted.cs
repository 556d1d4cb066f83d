using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>The budget shared in proportion to the momentum score; a score of zero or less gets nothing.</summary>
public sealed record ScoreWeighted : ProportionalConstruction
{
    public override string Name => "score_weighted";

    protected override double ValueOf(Signal pick) => pick.MomentumScore;
}
