using Trading.Domain;
namespace Trading.Strategies;

/// <summary>How many shares an entry buys: a fixed <see cref="Quantity"/>, or, when that is 0, the
/// <see cref="Allocation"/> (a fraction of equity) split evenly across the universe, in whole shares.</summary>
/// <remarks>The two parameters (<c>quantity</c>, <c>allocation</c>) and their rules are shared by the built-in
/// strategies so that every strategy sizes the same way and says so in the same words.</remarks>
public readonly record struct PositionSizing(int Quantity, decimal Allocation)
{
    public const string QuantityName = "quantity";

    public const string AllocationName = "allocation";

    /// <summary>The relative margin around an approximate share count: the double roundings between an equity
    /// estimate and a share count are a few parts in 10^16.</summary>
    private const double Rounding = 1e-12;

    private const double MaxShares = (double)OrderRequest.MaxQuantity;

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

    /// <summary>The shares of <see cref="Shares(decimal, int, decimal)"/> for the context's account, exactly, but
    /// from the account's approximate equity whenever that leaves no doubt about the whole number of shares.</summary>
    /// <remarks>Exact equity converts the price of every open position to a decimal, which costs more than the rest
    /// of a bar for a large book. The share count is a floor, so it is known once both ends of the approximation's
    /// range, widened by far more than the few double roundings on the way (<see cref="Rounding"/>), give the same
    /// floor; the decimal arithmetic of the exact formula rounds 13 orders of magnitude finer still. Only a count
    /// within that margin of a whole number, or an equity that may not be positive, takes the exact path.</remarks>
    public decimal Shares(IStrategyContext context, decimal price) => Shares(context, (double)price, price);

    /// <summary><see cref="Shares(IStrategyContext, decimal)"/> at a close as the context gives it: the decimal price
    /// the exact formula needs is made only when the approximation leaves the count in doubt (a conversion from
    /// double costs about as much as the rest of the estimate; the close and its decimal differ by far less than
    /// the estimate's margin, so the estimate decides the same counts either way).</summary>
    public decimal Shares(IStrategyContext context, double close) => Shares(context, close, null);

    private decimal Shares(IStrategyContext context, double close, decimal? price)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Quantity > 0)
        {
            return Quantity;
        }

        var symbolCount = context.Symbols.Count;
        if (!(close > 0) || symbolCount <= 0)
        {
            return 0;
        }

        if (!BarPrice.IsTradable(close))
        {
            throw new MoneyRangeException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A close of {close:G} is outside the prices sizing accounts for ({BarPrice.Smallest:0.#E+0} to {BarPrice.Largest:0.#E+0})."));
        }

        var equity = context.ApproximateEquity;
        if (equity.Low > 0)
        {
            var perUnitOfEquity = (double)Allocation / symbolCount / close;
            var fewest = Math.Floor(equity.Low * perUnitOfEquity * (1 - Rounding));
            var most = Math.Floor(equity.High * perUnitOfEquity * (1 + Rounding));
            if (fewest == most && most < MaxShares)
            {
                return (decimal)fewest;
            }
        }

        return Shares(context.Equity, symbolCount, price ?? BarPrice.ToDecimal(close));
    }

    /// <summary>Whole shares to buy at <paramref name="price"/>: <see cref="Quantity"/> when set; otherwise
    /// floor(equity × allocation / symbols / price), at most <see cref="OrderRequest.MaxQuantity"/> (what one order
    /// may carry), or 0 when that buys nothing (no equity, no price).</summary>
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

        // Compared before dividing: at a tiny price the count itself could leave decimal's range.
        var budget = equity * Allocation / symbolCount;
        return budget / OrderRequest.MaxQuantity >= price ? OrderRequest.MaxQuantity : Math.Floor(budget / price);
    }
}
