using System.Text;

namespace Trading.Backtesting.Config;

/// <summary>A cost model as a run chose it: the kind and every number it runs with (defaults filled in), so the
/// choice can be written down, read back and built into the engine's model.</summary>
public sealed class CostModelChoice<TModel>
    where TModel : class
{
    public CostModelChoice(CostModelKind<TModel> kind, IReadOnlyList<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != kind.Numbers.Count)
        {
            throw new ArgumentException($"A {kind.Name} model takes {kind.Numbers.Count} numbers; got {values.Count}.", nameof(values));
        }

        for (var i = 0; i < values.Count; i++)
        {
            var number = kind.Numbers[i];
            var problem = values[i] is { } value ? number.Check(value) : number.Optional ? null : "is required";
            if (problem is not null)
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"A {kind.Name} model's {number.Name} {problem}.");
            }
        }

        Kind = kind;
        Values = values;
    }

    public CostModelKind<TModel> Kind { get; }

    /// <summary>One value per <see cref="CostModelKind{TModel}.Numbers"/>, null where an optional number is absent.</summary>
    public IReadOnlyList<decimal?> Values { get; }

    /// <summary>The value of the number called <paramref name="name"/>.</summary>
    public decimal? this[string name]
    {
        get
        {
            for (var i = 0; i < Kind.Numbers.Count; i++)
            {
                if (Kind.Numbers[i].Name == name)
                {
                    return Values[i];
                }
            }

            throw new ArgumentException($"A {Kind.Name} model has no number '{name}'.", nameof(name));
        }
    }

    public TModel Create() => Kind.Create(Values);

    /// <summary>The compact spec the command line takes: <c>per_share:0.005,minimum=1,maximum=0.01</c>, or <c>none</c>.</summary>
    public string Spec
    {
        get
        {
            var spec = new StringBuilder(Kind.Name);
            for (var i = 0; i < Values.Count; i++)
            {
                if (Values[i] is not { } value)
                {
                    continue;
                }

                spec.Append(i == 0 ? ":" : $",{Kind.Numbers[i].Name}=").Append(ModelNumber.Text(value));
            }

            return spec.ToString();
        }
    }

    public override string ToString() => Spec;
}
