using System.Diagnostics.CodeAnalysis;
using Trading.Strategies.BuiltIn;
using Trading.Strategies.Momentum;

namespace Trading.Strategies;

/// <summary>The strategies a user can choose by name (the command line's <c>--strategy</c>, the HTTP routes'
/// <c>{strategy}</c>), in the order they were registered. Names ignore case.</summary>
/// <remarks>Not thread-safe for registration; register at start-up, then only read.</remarks>
public sealed class StrategyRegistry
{
    private readonly List<StrategyDefinition> _all = [];
    private readonly Dictionary<string, StrategyDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);

    public StrategyRegistry()
    {
    }

    public StrategyRegistry(IEnumerable<StrategyDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var definition in definitions)
        {
            Register(definition);
        }
    }

    /// <summary>A new registry holding the built-ins: buy_and_hold, sma_cross, rsi_reversion, bollinger_breakout, momentum.</summary>
    /// <remarks>New at each call, so that registering into one (a test, a plug-in) never changes another's list.</remarks>
    public static StrategyRegistry Default =>
        new([BuyAndHold.Definition, SmaCross.Definition, RsiReversion.Definition, BollingerBreakout.Definition, MomentumStrategy.Definition]);

    public IReadOnlyList<StrategyDefinition> All => _all;

    /// <summary>The definition named <paramref name="name"/>, or throws <see cref="ArgumentException"/> listing the
    /// valid names.</summary>
    public StrategyDefinition Find(string name) =>
        TryFind(name, out var definition)
            ? definition
            : throw new ArgumentException($"unknown strategy '{name}'; valid: {string.Join(", ", _all.Select(d => d.Name))}");

    public bool TryFind(string? name, [NotNullWhen(true)] out StrategyDefinition? definition)
    {
        definition = null;
        return name is not null && _byName.TryGetValue(name.Trim(), out definition);
    }

    /// <summary>Adds <paramref name="definition"/>; refuses a name already taken (ignoring case).</summary>
    public void Register(StrategyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!_byName.TryAdd(definition.Name, definition))
        {
            throw new ArgumentException($"a strategy named '{definition.Name}' is already registered");
        }

        _all.Add(definition);
    }
}
