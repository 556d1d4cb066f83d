namespace Trading.Optimization;

/// <summary>Orders the trials of a search: those that keep every constraint first, each group by the objective
/// (best first, a trial without a value last), ties by the trial's place in the search (its parameters' order in
/// the grid), so that the order never depends on which thread finished first.</summary>
public static class SweepRanking
{
    public static IReadOnlyList<RankedTrial> Rank(IReadOnlyList<TrialResult> trials, SweepMetric objective, IReadOnlyList<TrialConstraint> constraints)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(constraints);
        var met = new Dictionary<int, bool>(trials.Count);
        foreach (var trial in trials)
        {
            var keeps = true;
            foreach (var constraint in constraints)
            {
                keeps &= constraint.IsMet(trial);
            }

            met[trial.Number] = keeps;
        }

        var ordered = trials.ToArray();
        Array.Sort(ordered, (a, b) => met[a.Number] != met[b.Number] ? (met[a.Number] ? -1 : 1) : Compare(objective, a, b));
        var ranked = new RankedTrial[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            ranked[i] = new RankedTrial(i + 1, ordered[i], objective.Value(ordered[i]), met[ordered[i].Number]);
        }

        return ranked;
    }

    /// <summary>Below zero when <paramref name="a"/> ranks before <paramref name="b"/> by the objective alone.</summary>
    public static int Compare(SweepMetric objective, TrialResult a, TrialResult b)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = objective.Value(a);
        var y = objective.Value(b);
        int order;
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            order = double.IsNaN(x).CompareTo(double.IsNaN(y));
        }
        else
        {
            order = objective.Better == MetricDirection.Higher ? y.CompareTo(x) : x.CompareTo(y);
        }

        return order != 0 ? order : a.Number.CompareTo(b.Number);
    }
}

/// <summary>A trial in the ranking: its rank (1 is best), its objective's value and whether it keeps every constraint.</summary>
public sealed record RankedTrial(int Rank, TrialResult Trial, double Objective, bool ConstraintsMet);
