namespace Trading.Execution;

/// <summary>The realism of a simulated venue: slippage and commission models, a cap on each order's share of a
/// bar's volume, and the opt-in to fills at the deciding bar's close.</summary>
public sealed record VenueSettings
{
    private readonly decimal? _maxVolumeParticipation;

    public ISlippageModel Slippage { get; init; } = new NoSlippage();

    public ICommissionModel Commission { get; init; } = new ZeroCommission();

    /// <summary>The largest fraction of a bar's volume one order may take on that bar (0.1 is 10%), in whole
    /// shares; the rest stays working. Null means no cap: volume is ignored.</summary>
    public decimal? MaxVolumeParticipation
    {
        get => _maxVolumeParticipation;
        init => _maxVolumeParticipation = value is null or (> 0 and <= 1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxVolumeParticipation), value, $"The volume participation cap is a fraction of a bar's volume above 0 and at most 1 (0.1 is 10%), or null for no cap; got {value}.");
    }

    /// <summary>When true, market and market-on-close orders submitted at a bar's time fill at that bar's close
    /// (see <see cref="SimulatedVenue.OnBarClose"/>). False by default: an order decided on a bar fills from the next
    /// bar on.</summary>
    public bool FillOnSameBar { get; init; }

    /// <summary>When set, an order without a client order id is given <c>{prefix}{order id}</c>: a node names its
    /// orders so (the same on every replay), and a broker that sees the name again knows the order, so a step run
    /// again after a crash never orders twice. Null (backtests): orders have only the client's ids.</summary>
    public string? ClientOrderIdPrefix { get; init; }
}
