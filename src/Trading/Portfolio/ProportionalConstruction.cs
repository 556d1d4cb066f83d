using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>A model that splits the budget in proportion to a value per pick (1 for equal weight, 1 / volatility,
/// the score): each pick gets budget × its value / the sum of values. A value that is not a positive finite number
/// counts as zero.</summary>
public abstract record ProportionalConstruction : IPortfolioConstruction
{
    public abstract string Name { get; }

    public IReadOnlyList<TargetWeight> Weigh(IReadOnlyList<Signal> picks, double budget)
    {
        ArgumentNullException.ThrowIfNull(picks);
        var values = picks.Select(p => ValueOf(p) is var v && double.IsFinite(v) && v > 0 ? v : 0).ToArray();
        var total = values.Sum();
        return [.. picks.Select((p, i) => new TargetWeight(p.Symbol, total > 0 ? budget * values[i] / total : 0, p.CurrentPrice))];
    }

    /// <summary>The pick's share before normalising.</summary>
    protected abstract double ValueOf(Signal pick);
}
