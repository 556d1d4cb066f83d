namespace Trading.Strategies;

/// <summary>How many shares an entry buys: a fixed <see cref="Quantity"/>, or, when that is 0, the
/// <see cref="Allocation"/> (a fraction of equity) split evenly across the universe, in whole shares.</summary>
/// <remarks>The two parameters (<c>quantity</c>, <c>allocation</c>) and their rules are shared by the built-in
/// strategies so that every strategy sizes the same way and says so in the same words.</remarks>
public readonly record struct PositionSizing(int Quantity, decimal Allocation)
{
    public const string QuantityName = "quantity";

    public const string AllocationName = "allocation";

    public static StrategyParameter QuantityParameter { get; } = StrategyParameter.Integer(
        QuantityName, 0, 0, 1_000_000_000, "Shares bought per entry; 0 sizes by allocation instead");

    public static StrategyParameter AllocationParameter { get; } = StrategyParameter.Decimal(
        AllocationName, 1.0m, 0m, 1m, "Fraction of equity to invest, split evenly across the symbols (used when quantity is 0)");

    /// <summary>Quantity or allocation, not both; and a zero allocation would never trade.</summary>
    /// <remarks>Allocation set to its default next to a quantity is no conflict: that is how
    /// <see cref="StrategyParameters.AsText"/> writes a quantity-sized run, and it must bind again.</remarks>
    public static IReadOnlyList<ParameterRule> Rules { get; } =
    [
        new("quantity and allocation are alternatives: set one, not both", p =>
            p.GetInt(QuantityName) > 0 && p.IsExplicit(AllocationName) && p.GetDecimal(AllocationName) != (decimal)AllocationParameter.Default
                ? $"quantity and allocation are alternatives: set one, not both (got quantity={p.GetInt(QuantityName)}, allocation={StrategyParameter.Format(p.GetDecimal(AllocationName))})"
                : null),
        new("allocation must be above 0 when quantity is 0", p =>
            p.GetInt(QuantityName) == 0 && p.GetDecimal(AllocationName) <= 0
                ? $"allocation must be above 0 when quantity is 0; got {StrategyParameter.Format(p.GetDecimal(AllocationName))}"
                : null),
    ];

    public static PositionSizing From(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new(parameters.GetInt(QuantityName), parameters.GetDecimal(AllocationName));
    }

    /// <summary>Whole shares to buy at <paramref name="price"/>: <see cref="Quantity"/> when set; otherwise
    /// floor(equity × allocation / symbols / price), or 0 when that buys nothing (no equity, no price).</summary>
    /// <remarks>The price is the decision bar's close; the fill comes at the next open, so the cost can differ by the
    /// overnight move. The venue's funding check, not the strategy, refuses what cash cannot pay.</remarks>
    public decimal Shares(decimal equity, int symbolCount, decimal price)
    {
        if (Quantity > 0)
        {
            return Quantity;
        }

        if (price <= 0 || equity <= 0 || symbolCount <= 0)
        {
            return 0;
        }

        return Math.Floor(equity * Allocation / symbolCount / price);
    }
}
