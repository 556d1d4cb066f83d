using System.Globalization;
using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>What the portfolio should hold: a weight per symbol (best first), and a note for every risk rule that
/// changed the construction's answer.</summary>
public sealed record DesiredPortfolio(IReadOnlyList<TargetWeight> Targets, IReadOnlyList<string> Notes)
{
    /// <summary>The sum of absolute weights.</summary>
    public double GrossWeight => Targets.Sum(t => Math.Abs(t.Weight));

    /// <summary>Builds the desired portfolio from <paramref name="picks"/> (best first) with
    /// <paramref name="model"/>, then applies <paramref name="rules"/> in this order:
    /// <list type="number">
    /// <item>drawdown: while equity is further below its peak than the limit, picks not already held are dropped;</item>
    /// <item>maximum positions: the first picks are kept;</item>
    /// <item>the model weighs the rest, sharing out the budget (gross limit less the cash buffer);</item>
    /// <item>maximum weight: larger weights are cut to it; in a drawdown, held positions are not raised either;</item>
    /// <item>gross exposure: weights are kept from the best pick down until the budget is spent; the pick that crosses
    /// it is cut to fit and the rest get nothing. Buying from the top while the budget lasts keeps every kept position
    /// at the size its model chose (scaling all of them down would break risk parity).</item>
    /// </list>
    /// Picks with weight zero are left out.</summary>
    public static DesiredPortfolio Build(IReadOnlyList<Signal> picks, IPortfolioConstruction model, RiskRules rules, PortfolioState state)
    {
        ArgumentNullException.ThrowIfNull(picks);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(state);
        if (rules.Problems() is [var problem, ..])
        {
            throw new ArgumentException(problem, nameof(rules));
        }

        var notes = new List<string>();
        var kept = picks.ToList();
        var halted = state.Drawdown > rules.DrawdownLimitForBuys;
        if (halted)
        {
            var dropped = kept.Where(p => !state.Holds(p.Symbol)).Select(p => p.Symbol.Value).ToList();
            kept.RemoveAll(p => !state.Holds(p.Symbol));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"drawdown {state.Drawdown:0.0%} is over the {rules.DrawdownLimitForBuys:0.##%} limit: no new buys")
                + (dropped.Count > 0 ? $" ({string.Join(", ", dropped)} not bought)" : string.Empty));
        }

        if (rules.MaxPositions is { } maxPositions && kept.Count > maxPositions)
        {
            notes.Add($"max_positions {maxPositions}: left out {string.Join(", ", kept.Skip(maxPositions).Select(p => p.Symbol.Value))}");
            kept.RemoveRange(maxPositions, kept.Count - maxPositions);
        }

        var budget = rules.Budget;
        var targets = new List<TargetWeight>(kept.Count);
        foreach (var target in model.Weigh(kept, budget))
        {
            var weight = target.Weight;
            if (weight > rules.MaxPositionWeight)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{target.Symbol.Value}: weight {weight:0.##%} capped at max_position_weight {rules.MaxPositionWeight:0.##%}"));
                weight = rules.MaxPositionWeight;
            }

            if (halted && target.Price > 0 && state.Equity > 0)
            {
                var current = (double)(state.QuantityOf(target.Symbol) * (decimal)target.Price / state.Equity);
                if (weight > current)
                {
                    weight = current;
                }
            }

            if (weight > 0)
            {
                targets.Add(target with { Weight = weight });
            }
        }

        var used = 0.0;
        for (var i = 0; i < targets.Count; i++)
        {
            var left = budget - used;
            if (targets[i].Weight <= left + 1e-12)
            {
                used += targets[i].Weight;
                continue;
            }

            var cut = targets.Skip(i + 1).Select(t => t.Symbol.Value).ToList();
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"gross exposure budget {budget:0.##%} spent: {targets[i].Symbol.Value} cut from {targets[i].Weight:0.##%} to {Math.Max(left, 0):0.##%}")
                + (cut.Count > 0 ? $", left out {string.Join(", ", cut)}" : string.Empty));
            if (left > 1e-12)
            {
                targets[i] = targets[i] with { Weight = left };
                targets.RemoveRange(i + 1, targets.Count - i - 1);
            }
            else
            {
                targets.RemoveRange(i, targets.Count - i);
            }

            break;
        }

        return new DesiredPortfolio(targets, notes);
    }

}
