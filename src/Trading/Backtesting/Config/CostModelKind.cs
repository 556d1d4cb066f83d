namespace Trading.Backtesting.Config;

/// <summary>One kind of cost model a run can choose (<c>per_share</c>, <c>volume_share</c>, ...): its name, the
/// numbers it takes in order (the first is the one a compact spec gives after the colon), and how to build it.</summary>
/// <typeparam name="TModel">The engine's model interface: a commission or a slippage model.</typeparam>
public sealed class CostModelKind<TModel>
    where TModel : class
{
    private readonly Func<IReadOnlyList<decimal?>, TModel> _create;

    public CostModelKind(string name, string description, IReadOnlyList<ModelNumber> numbers, Func<IReadOnlyList<decimal?>, TModel> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(create);
        Name = name;
        Description = description;
        Numbers = numbers;
        _create = create;
    }

    /// <summary>The snake_case name: <c>per_share</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>A typical compact spec for help and messages: <c>per_share:0.005,minimum=1,maximum=0.01</c>.</summary>
    public string? Example { get; init; }

    /// <summary>The numbers the model takes, in the order its constructor takes them.</summary>
    public IReadOnlyList<ModelNumber> Numbers { get; }

    /// <summary>The engine's model from <paramref name="values"/> (one per number, null where absent and optional).</summary>
    public TModel Create(IReadOnlyList<decimal?> values) => _create(values);

    /// <summary>This kind with every number at its default (the kinds without numbers, or whose numbers all have
    /// defaults, can be chosen by name alone).</summary>
    public CostModelChoice<TModel> WithDefaults() => new(this, [.. Numbers.Select(n => n.Default)]);

    public override string ToString() => Name;
}
