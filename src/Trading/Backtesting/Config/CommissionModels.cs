using Trading.Execution;

namespace Trading.Backtesting.Config;

/// <summary>The commission models a run can choose by name: <c>none</c>, <c>percent</c>, <c>per_share</c>, <c>fixed</c>.</summary>
public static class CommissionModels
{
    public static CostModelKind<ICommissionModel> None { get; } = new("none", "No commission.", [], _ => new ZeroCommission());

    /// <summary><see cref="PercentOfValueCommission"/>: rate × the fill's value, at least <c>minimum</c> per fill.</summary>
    public static CostModelKind<ICommissionModel> Percent { get; } = new(
        "percent",
        "A fraction of each fill's value, at least a minimum amount per fill.",
        [
            new ModelNumber("rate", "The fraction of the fill's value.") { AtLeast = 0, Below = 1, Example = "0.001 is 10 bp" },
            new ModelNumber("minimum", "The least commission per fill, in money.") { AtLeast = 0, Default = 0 },
        ],
        v => new PercentOfValueCommission(v[0]!.Value, v[1]!.Value))
    {
        Example = "percent:0.001,minimum=1",
    };

    /// <summary><see cref="PerShareCommission"/>: Interactive Brokers' fixed pricing.</summary>
    public static CostModelKind<ICommissionModel> PerShare { get; } = new(
        "per_share",
        "An amount per share, at least a minimum per fill and at most a fraction of the fill's value (Interactive Brokers: 0.005, minimum 1, maximum 0.01).",
        [
            new ModelNumber("per_share", "Money per share.") { AtLeast = 0, Example = "IB charges 0.005" },
            new ModelNumber("minimum", "The least commission per fill, in money.") { AtLeast = 0, Default = 0 },
            new ModelNumber("maximum", "The cap per fill as a fraction of the fill's value (not money): 0.01 caps it at 1% of the value; the cap wins over the minimum. Absent or null: no cap.") { Above = 0, AtMost = 1, Optional = true, Example = "0.01 is 1% of the fill's value" },
        ],
        v => new PerShareCommission(v[0]!.Value, v[1]!.Value, v[2]))
    {
        Example = "per_share:0.005,minimum=1,maximum=0.01",
    };

    /// <summary><see cref="FixedPerOrderCommission"/>: a flat fee on an order's first fill.</summary>
    public static CostModelKind<ICommissionModel> Fixed { get; } = new(
        "fixed",
        "A flat amount per order, charged on its first fill.",
        [new ModelNumber("amount", "Money per order.") { AtLeast = 0 }],
        v => new FixedPerOrderCommission(v[0]!.Value))
    {
        Example = "fixed:1",
    };

    public static CostModelCatalog<ICommissionModel> Catalog { get; } = new("commission", [None, Percent, PerShare, Fixed]);

    /// <summary>The shorthand <c>commission_rate</c> (<c>--commission-rate</c>): a percent commission without minimum.</summary>
    public static CostModelChoice<ICommissionModel> OfRate(decimal rate) => new(Percent, [rate, 0m]);
}
