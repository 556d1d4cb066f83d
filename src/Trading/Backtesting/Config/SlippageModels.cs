using Trading.Execution;

namespace Trading.Backtesting.Config;

/// <summary>The slippage models a run can choose by name: <c>none</c>, <c>bps</c>, <c>volume_share</c>.</summary>
public static class SlippageModels
{
    public static CostModelKind<ISlippageModel> None { get; } = new("none", "Fills at the price the fill rule chose.", [], _ => new NoSlippage());

    /// <summary><see cref="FixedBasisPointsSlippage"/>.</summary>
    public static CostModelKind<ISlippageModel> BasisPoints { get; } = new(
        "bps",
        "A fixed cost in basis points of the price, against the trader.",
        [new ModelNumber("bps", "Basis points of the fill price.") { AtLeast = 0, Below = 10_000, Example = "5 is 0.05%" }],
        v => new FixedBasisPointsSlippage(v[0]!.Value))
    {
        Example = "bps:5",
    };

    /// <summary><see cref="VolumeShareSlippage"/>: zipline's model.</summary>
    public static CostModelKind<ISlippageModel> VolumeShare { get; } = new(
        "volume_share",
        "zipline's model: the price moves by price_impact × share², share = min(quantity / bar volume, volume_share_limit).",
        [
            new ModelNumber("price_impact", "The price impact coefficient.") { AtLeast = 0, Below = 1, Default = 0.1m, Example = "zipline uses 0.1" },
            new ModelNumber("volume_share_limit", "The largest share of a bar's volume the impact counts (the fill itself is capped by max_volume_participation).") { Above = 0, AtMost = 1, Default = 1m, Example = "0.025 is zipline's" },
        ],
        v => new VolumeShareSlippage(v[0]!.Value, v[1]!.Value))
    {
        Example = "volume_share:0.1,volume_share_limit=0.025",
    };

    public static CostModelCatalog<ISlippageModel> Catalog { get; } = new("slippage", [None, BasisPoints, VolumeShare]);

    /// <summary>The shorthand <c>slippage_bps</c> (<c>--slippage-bps</c>).</summary>
    public static CostModelChoice<ISlippageModel> OfBasisPoints(decimal bps) => new(BasisPoints, [bps]);
}
