namespace Trading.Domain;

/// <summary>What a strategy asks the venue to do. Quantities are shares (positive; the side says which way) and
/// prices are in the symbol's currency, both exact decimals.</summary>
public sealed record OrderRequest
{
    // A market order, most of what a backtest sends and keeps by the hundred thousand, has none of the four optional
    // prices: they live in a second object that only the other types make, which more than halves a market order.
    private OrderPrices? _prices;

    private OrderRequest(Symbol symbol, OrderSide side, decimal quantity, OrderType type)
    {
        if (!Enum.IsDefined(side))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "An order is a buy or a sell.");
        }

        if (quantity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"An order quantity must be positive; got {quantity}. The side says buy or sell.");
        }

        Symbol = symbol;
        Side = side;
        Quantity = quantity;
        Type = type;
    }

    /// <summary>The most shares one order may carry: at prices up to <see cref="BarPrice.Largest"/> an order is worth
    /// at most 1e24, which the ledger's decimals hold with thousands of times to spare. Venues refuse more.</summary>
    public const decimal MaxQuantity = 1_000_000_000_000m;

    public Symbol Symbol { get; }

    public OrderSide Side { get; }

    public decimal Quantity { get; init; }

    public OrderType Type { get; }

    public decimal? LimitPrice
    {
        get => _prices?.Limit;
        init => _prices = OrderPrices.Normalise((_prices ?? OrderPrices.None) with { Limit = value });
    }

    public decimal? StopPrice
    {
        get => _prices?.Stop;
        init => _prices = OrderPrices.Normalise((_prices ?? OrderPrices.None) with { Stop = value });
    }

    /// <summary>For trailing stops: the distance from the best price, in currency.</summary>
    public decimal? TrailAmount
    {
        get => _prices?.TrailAmount;
        init => _prices = OrderPrices.Normalise((_prices ?? OrderPrices.None) with { TrailAmount = value });
    }

    /// <summary>For trailing stops: the distance from the best price, as a fraction (0.05 is 5%).</summary>
    public decimal? TrailPercent
    {
        get => _prices?.TrailPercent;
        init => _prices = OrderPrices.Normalise((_prices ?? OrderPrices.None) with { TrailPercent = value });
    }

    public TimeInForce TimeInForce { get; init; } = TimeInForce.GoodTillCancelled;

    /// <summary>A label the strategy chooses ("entry", "stop"), carried to fills and reports.</summary>
    public string? Tag { get; init; }

    /// <summary>The client's own id of the order (1 to 64 letters, digits, '.', '_', ':' or '-'): a venue takes an
    /// order of an id it has seen as the same order, not a new one, so a client that retries after a crash (not
    /// knowing whether its order went through) never orders twice.</summary>
    public string? ClientOrderId { get; init; }

    /// <summary>Whether <paramref name="id"/> can be a <see cref="ClientOrderId"/>.</summary>
    public static bool IsClientOrderId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    public static OrderRequest Market(Symbol symbol, OrderSide side, decimal quantity) => new(symbol, side, quantity, OrderType.Market);

    /// <summary>A tagged market order in one allocation (<c>Market(...) with { Tag = tag }</c> makes two).</summary>
    public static OrderRequest Market(Symbol symbol, OrderSide side, decimal quantity, string? tag) =>
        new(symbol, side, quantity, OrderType.Market) { Tag = tag };

    public static OrderRequest MarketOnOpen(Symbol symbol, OrderSide side, decimal quantity) => new(symbol, side, quantity, OrderType.MarketOnOpen);

    public static OrderRequest MarketOnClose(Symbol symbol, OrderSide side, decimal quantity) => new(symbol, side, quantity, OrderType.MarketOnClose);

    public static OrderRequest Limit(Symbol symbol, OrderSide side, decimal quantity, decimal limitPrice) =>
        new(symbol, side, quantity, OrderType.Limit) { LimitPrice = Positive(limitPrice, "limit price") };

    public static OrderRequest Stop(Symbol symbol, OrderSide side, decimal quantity, decimal stopPrice) =>
        new(symbol, side, quantity, OrderType.Stop) { StopPrice = Positive(stopPrice, "stop price") };

    public static OrderRequest StopLimit(Symbol symbol, OrderSide side, decimal quantity, decimal stopPrice, decimal limitPrice) =>
        new(symbol, side, quantity, OrderType.StopLimit) { StopPrice = Positive(stopPrice, "stop price"), LimitPrice = Positive(limitPrice, "limit price") };

    /// <summary>A trailing stop <paramref name="amount"/> away from the best price seen since submission.</summary>
    public static OrderRequest TrailingStopByAmount(Symbol symbol, OrderSide side, decimal quantity, decimal amount) =>
        new(symbol, side, quantity, OrderType.TrailingStop) { TrailAmount = Positive(amount, "trail amount") };

    /// <summary>A trailing stop <paramref name="fraction"/> (0.05 for 5%) away from the best price seen since submission.</summary>
    public static OrderRequest TrailingStopByPercent(Symbol symbol, OrderSide side, decimal quantity, decimal fraction) =>
        fraction is > 0 and < 1
            ? new(symbol, side, quantity, OrderType.TrailingStop) { TrailPercent = fraction }
            : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"A trailing percentage is a fraction between 0 and 1 (0.05 is 5%); got {fraction}.");

    private static decimal Positive(decimal price, string what) =>
        price > 0 ? price : throw new ArgumentOutOfRangeException(nameof(price), price, $"A {what} must be positive; got {price}.");

    public override string ToString()
    {
        var price = Type switch
        {
            OrderType.Limit => $" @ {LimitPrice}",
            OrderType.Stop => $" stop {StopPrice}",
            OrderType.StopLimit => $" stop {StopPrice} limit {LimitPrice}",
            OrderType.TrailingStop => TrailAmount is { } a ? $" trail {a}" : $" trail {TrailPercent:P}",
            _ => string.Empty,
        };
        return $"{Side} {Quantity} {Symbol} {Type}{price} {TimeInForce}";
    }

    /// <summary>The optional prices of an order; equal when all four are (records), and never all null.</summary>
    private sealed record OrderPrices(decimal? Limit, decimal? Stop, decimal? TrailAmount, decimal? TrailPercent)
    {
        public static OrderPrices None { get; } = new(null, null, null, null);

        public static OrderPrices? Normalise(OrderPrices prices) =>
            prices is { Limit: null, Stop: null, TrailAmount: null, TrailPercent: null } ? null : prices;
    }
}
