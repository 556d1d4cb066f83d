using Trading.Domain;

namespace Trading.Execution;

/// <summary>zipline's volume-share model: the more of a bar's volume a fill takes, the worse its price.
/// impact = priceImpact × share², share = min(quantity / bar volume, volumeShareLimit); a buy pays
/// price × (1 + impact), a sell gets price × (1 − impact).</summary>
/// <remarks>
/// With the defaults (0.1, share capped at 1), taking 10% of a bar's volume costs 0.1 × 0.1² = 0.1% of the price.
/// zipline caps the share at its fill limit (0.025) because it also caps the fill there; here the fill cap is the
/// venue's <see cref="VenueSettings.MaxVolumeParticipation"/>, so the share limit defaults to 1 (a whole bar's
/// volume) and a bar without volume counts as that limit: trading into nothing is as bad as the model allows.
/// </remarks>
public sealed class VolumeShareSlippage : ISlippageModel
{
    public VolumeShareSlippage(decimal priceImpact = 0.1m, decimal volumeShareLimit = 1m)
    {
        if (priceImpact is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(priceImpact), priceImpact, $"The price impact is a fraction at least 0 and below 1 (zipline uses 0.1); got {priceImpact}.");
        }

        if (volumeShareLimit is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(volumeShareLimit), volumeShareLimit, $"The volume share limit is a fraction of a bar's volume above 0 and at most 1; got {volumeShareLimit}.");
        }

        PriceImpact = priceImpact;
        VolumeShareLimit = volumeShareLimit;
    }

    public decimal PriceImpact { get; }

    public decimal VolumeShareLimit { get; }

    public decimal Apply(OrderSide side, decimal price, decimal quantity, in Bar bar)
    {
        var volume = (decimal)bar.Volume;
        var share = volume > 0 ? Math.Min(quantity / volume, VolumeShareLimit) : VolumeShareLimit;
        var impact = PriceImpact * share * share;
        return side == OrderSide.Buy ? price * (1 + impact) : price * (1 - impact);
    }
}
