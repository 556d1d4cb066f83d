using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Calls for a rebalance when any position's weight has moved from its target by more than
/// <see cref="MaxDrift"/> (absolute weight: 0.05 means five percentage points of equity).</summary>
/// <remarks>
/// Independent of dates: a caller combines it with a schedule (rebalance on schedule, or sooner when drift is large)
/// or uses it alone. A symbol missing from either side weighs zero there, so a position the target drops, or one
/// the target adds, counts as drift.
/// </remarks>
public sealed record DriftThreshold
{
    public DriftThreshold(double maxDrift)
    {
        if (!double.IsFinite(maxDrift) || maxDrift <= 0 || maxDrift > 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDrift),
                maxDrift,
                $"The drift threshold is an absolute weight in (0, 1], e.g. 0.05 for five percentage points; {maxDrift} is not.");
        }

        MaxDrift = maxDrift;
    }

    public double MaxDrift { get; }

    /// <summary>True when some weight differs from its target by strictly more than <see cref="MaxDrift"/>.</summary>
    public bool IsBreached(IReadOnlyDictionary<Symbol, double> current, IReadOnlyDictionary<Symbol, double> target) =>
        LargestDrift(current, target) > MaxDrift;

    /// <summary>The largest absolute difference between a current weight and its target, over every symbol in either.</summary>
    public static double LargestDrift(IReadOnlyDictionary<Symbol, double> current, IReadOnlyDictionary<Symbol, double> target)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        var largest = 0.0;
        foreach (var (symbol, weight) in current)
        {
            var targetWeight = target.TryGetValue(symbol, out var t) ? Finite(symbol, t) : 0.0;
            largest = Math.Max(largest, Math.Abs(Finite(symbol, weight) - targetWeight));
        }

        foreach (var (symbol, weight) in target)
        {
            // A NaN would make every comparison false and hide real drift, so it is refused, not skipped.
            var currentWeight = current.TryGetValue(symbol, out var c) ? c : 0.0;
            largest = Math.Max(largest, Math.Abs(currentWeight - Finite(symbol, weight)));
        }

        return largest;
    }

    private static double Finite(Symbol symbol, double weight) => double.IsFinite(weight)
        ? weight
        : throw new ArgumentException($"The weight of {symbol.Value} is {weight}; weights must be finite numbers.");
}
