using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>The budget split evenly across the picks.</summary>
public sealed record EqualWeight : ProportionalConstruction
{
    public override string Name => "equal_weight";

    protected override double ValueOf(Signal pick) => 1.0;
}
