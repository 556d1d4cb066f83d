using Trading.Domain;

namespace Trading.Execution;

/// <summary>A fixed cost in basis points of the price, against the trader: a buy pays price × (1 + bp / 10,000), a
/// sell gets price × (1 − bp / 10,000). 5 bp on a buy at 100.00 fills at 100.05.</summary>
public sealed class FixedBasisPointsSlippage : ISlippageModel
{
    public FixedBasisPointsSlippage(decimal basisPoints)
    {
        if (basisPoints is < 0 or >= 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(basisPoints), basisPoints, $"Slippage in basis points must be at least 0 and below 10,000 (5 is 0.05%); got {basisPoints}.");
        }

        BasisPoints = basisPoints;
    }

    public decimal BasisPoints { get; }

    public bool ReadsBar => false;

    public decimal Apply(OrderSide side, decimal price, decimal quantity, in Bar bar)
    {
        var fraction = BasisPoints / 10_000m;
        return side == OrderSide.Buy ? price * (1 + fraction) : price * (1 - fraction);
    }
}
