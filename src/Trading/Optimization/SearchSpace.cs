using System.Globalization;
using Trading.Strategies;

namespace Trading.Optimization;

/// <summary>Every combination of the <see cref="Ranges"/> of one strategy's parameters (a grid), the others at the
/// values the search starts from; each combination numbered by its place in the grid, the first range's values
/// changing slowest, as nested loops in the order the ranges were given.</summary>
public sealed class SearchSpace
{
    /// <summary>The most combinations a search takes: beyond that a grid is a typo (a step of 1 where 10 was meant),
    /// and a sample of it wants a coarser grid.</summary>
    public const long MaxCombinations = 1_000_000;

    /// <summary>"1,000,000", for messages.</summary>
    internal static string MaxText => MaxCombinations.ToString("N0", CultureInfo.InvariantCulture);

    private readonly Dictionary<string, string> _fixed;

    /// <param name="definition">The strategy searched.</param>
    /// <param name="ranges">The parameters searched, each once.</param>
    /// <param name="fixedValues">Values of parameters not searched (configured, stored), as text; the rest keep
    /// their defaults.</param>
    /// <exception cref="ArgumentException">A parameter ranged twice, or a grid beyond <see cref="MaxCombinations"/>.</exception>
    public SearchSpace(StrategyDefinition definition, IReadOnlyList<ParameterRange> ranges, IReadOnlyDictionary<string, string>? fixedValues = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(ranges);
        Definition = definition;
        Ranges = [.. ranges];
        var names = new HashSet<string>(StringComparer.Ordinal);
        long size = 1;
        foreach (var range in Ranges)
        {
            if (!names.Add(range.Parameter.Name))
            {
                throw new ArgumentException($"{range.Parameter.Name} is searched twice; give one range or list for it");
            }

            size = checked(size * range.Values.Count);
            if (size > MaxCombinations)
            {
                throw new ArgumentException($"the grid of {string.Join(" x ", Ranges.Select(r => r.Values.Count))} combinations is more than a search takes ({MaxText}); use larger steps or fewer values");
            }
        }

        Size = size;
        _fixed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fixedValues ?? new Dictionary<string, string>())
        {
            var canonical = definition.Parameters[definition.IndexOf(name)].Name;
            if (!names.Contains(canonical))
            {
                _fixed[canonical] = value;
            }
        }
    }

    public StrategyDefinition Definition { get; }

    public IReadOnlyList<ParameterRange> Ranges { get; }

    /// <summary>How many combinations the grid holds, those that break the strategy's rules included.</summary>
    public long Size { get; }

    /// <summary>The parameters of combination <paramref name="index"/> (0 to <see cref="Size"/> − 1), or null when
    /// they break one of the strategy's rules (fast not below slow), with the rule in <paramref name="brokenRule"/>.</summary>
    public StrategyParameters? TryBind(long index, out string? brokenRule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var values = new Dictionary<string, string>(_fixed, StringComparer.Ordinal);
        var rest = index;
        for (var r = Ranges.Count - 1; r >= 0; r--)
        {
            var range = Ranges[r];
            values[range.Parameter.Name] = StrategyParameter.Format(range.Values[(int)(rest % range.Values.Count)]);
            rest /= range.Values.Count;
        }

        return Definition.TryBind(values, out brokenRule);
    }

    /// <summary>Every combination that keeps the strategy's rules, in grid order.</summary>
    public SearchPlan Grid()
    {
        var valid = Valid();
        return new SearchPlan(SearchMethod.Grid, Size, valid, null) { SkippedByRules = Size - valid.Length };
    }

    /// <summary><paramref name="trials"/> combinations that keep the rules, drawn without replacement (all of them
    /// when there are no more), in grid order; the same <paramref name="seed"/> draws the same ones.</summary>
    public SearchPlan Random(int trials, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        var valid = Valid();
        if (trials >= valid.Length)
        {
            return new SearchPlan(SearchMethod.Random, Size, valid, seed) { SkippedByRules = Size - valid.Length };
        }

        // A partial Fisher-Yates shuffle: the first `trials` places end up a uniform sample.
        var random = new SplitMix64(seed);
        for (var i = 0; i < trials; i++)
        {
            var j = i + (int)random.NextBelow((ulong)(valid.Length - i));
            (valid[i], valid[j]) = (valid[j], valid[i]);
        }

        var chosen = valid[..trials];
        Array.Sort(chosen);
        return new SearchPlan(SearchMethod.Random, Size, chosen, seed) { SkippedByRules = Size - valid.Length };
    }

    private long[] Valid()
    {
        var valid = new List<long>();
        for (long i = 0; i < Size; i++)
        {
            if (TryBind(i, out _) is not null)
            {
                valid.Add(i);
            }
        }

        return [.. valid];
    }

    /// <summary>Steele, Lea and Flood's SplitMix64: a tiny generator whose sequence for a seed is fixed by its
    /// definition, not by a runtime version (as <see cref="System.Random"/>'s is).</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextBelow(ulong bound)
        {
            // Rejection keeps the draw uniform: the values above the last whole multiple of the bound are thrown back.
            var threshold = (0 - bound) % bound;
            while (true)
            {
                var x = Next();
                if (x >= threshold)
                {
                    return x % bound;
                }
            }
        }

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }
}

/// <summary>How the combinations of a search are chosen.</summary>
public enum SearchMethod
{
    /// <summary>Every combination of the grid.</summary>
    Grid,

    /// <summary>A sample of the grid, drawn without replacement for a seed.</summary>
    Random,

    /// <summary>Successive halving of the grid or a random sample of it over growing prefixes of the range
    /// (<see cref="SuccessiveHalving"/>).</summary>
    Halving,
}

/// <summary>The combinations a search runs, by their index in the grid, and how many of the grid's the strategy's
/// rules ruled out.</summary>
/// <param name="Method">How they were chosen.</param>
/// <param name="GridSize">Combinations in the grid, all of them.</param>
/// <param name="Trials">The grid indices to run, ascending.</param>
/// <param name="Seed">The random sample's seed; null for a grid (and a halving search of the whole grid).</param>
public sealed record SearchPlan(SearchMethod Method, long GridSize, IReadOnlyList<long> Trials, ulong? Seed)
{
    /// <summary>Combinations of the grid that break one of the strategy's rules: never run.</summary>
    public long SkippedByRules { get; init; }
}
