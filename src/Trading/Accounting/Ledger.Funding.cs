using Trading.Domain;

namespace Trading.Accounting;

/// <summary>Funding: what the account lets the venue accept and fill (cash and margin rules, phrased for a person).</summary>
public sealed partial class Ledger
{
    /// <inheritdoc/>
    /// <remarks>The venue passes no commission estimate, so a cash account's check is on quantity × price alone;
    /// the fill itself is then cut by <see cref="AffordableQuantity"/>, which does include the commission. A margin
    /// account counts <paramref name="committedCash"/> as exposure the working buy orders will add. Orders that do
    /// not increase gross exposure (or, in a cash account, sells of shares held) are always allowed, so an
    /// account over its limit can still reduce. Positions are valued at their last prices, the order's symbol at
    /// <paramref name="price"/>.</remarks>
    public string? CheckOrder(OrderRequest order, decimal price, decimal committedCash)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (price <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, $"An order's estimated price must be positive; got {price} for {order.Symbol}.");
        }

        if (Settings.Type == AccountType.Cash)
        {
            // A cash buy needs only cash: the position is looked up for the checks that use it.
            if (order.Side == OrderSide.Sell)
            {
                var longShares = Math.Max(QuantityOf(order.Symbol), 0m);
                return order.Quantity <= longShares
                    ? null
                    : $"Cash accounts cannot sell short: the account holds {Shares(longShares)} {order.Symbol} and the order sells {Shares(order.Quantity)}.";
            }

            var cost = order.Quantity * price;
            var free = _cash - committedCash;
            return cost <= free
                ? null
                : $"Not enough cash: buying {Shares(order.Quantity)} {order.Symbol} at about {price} costs {Money(cost)}, but only {Money(free)} is free ({Money(_cash)} cash, {Money(committedCash)} promised to other buy orders).";
        }

        var held = QuantityOf(order.Symbol);
        var after = held + (order.Side == OrderSide.Buy ? order.Quantity : -order.Quantity);
        if (Math.Abs(after) <= Math.Abs(held))
        {
            return null;
        }

        var (equity, others) = ValuedAt(order.Symbol, price);
        var exposure = others + (Math.Abs(after) * price) + committedCash;
        var limit = Settings.MaxLeverage * equity;
        return exposure <= limit
            ? null
            : $"Over the leverage limit: after this order ({order.Side} {Shares(order.Quantity)} {order.Symbol} at about {price}) gross exposure would be {Money(exposure)}"
              + (committedCash > 0 ? $" (with {Money(committedCash)} of other working buy orders)" : string.Empty)
              + $", but the margin account allows {Settings.MaxLeverage} × equity of {Money(equity)} = {Money(limit)}.";
    }

    /// <inheritdoc/>
    /// <remarks>The whole <paramref name="commission"/> is charged against any part of the fill: no usual model
    /// (per share, percentage, minimum, fixed) charges more for fewer shares, so the answer is safe.</remarks>
    public decimal AffordableQuantity(Symbol symbol, OrderSide side, decimal quantity, decimal price, decimal commission)
    {
        if (quantity <= 0 || price <= 0 || commission < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), $"A fill needs a positive quantity and price and a commission of zero or more; got {quantity} {symbol} at {price} with commission {commission}.");
        }

        if (Settings.Type == AccountType.Cash)
        {
            if (side == OrderSide.Sell)
            {
                var longShares = Math.Max(QuantityOf(symbol), 0m);
                var sellable = quantity <= longShares ? quantity : Math.Floor(longShares);

                // Selling must not borrow either: the proceeds have to cover the commission if the cash cannot.
                return _cash + (sellable * price) - commission >= 0 ? sellable : 0m;
            }

            var free = _cash - commission;
            if ((quantity * price) <= free)
            {
                return quantity;
            }

            return free <= 0 ? 0m : Math.Min(Math.Floor(free / price), Math.Floor(quantity));
        }

        var held = QuantityOf(symbol);
        var direction = side == OrderSide.Buy ? 1m : -1m;
        var heldSize = Math.Abs(held);
        if (Math.Abs(held + (direction * quantity)) <= heldSize)
        {
            return quantity;
        }

        var (equity, others) = ValuedAt(symbol, price);
        var limit = Settings.MaxLeverage * (equity - commission);

        // The largest position size the limit allows; a size no bigger than now is always allowed.
        var allowedSize = Math.Max((limit - others) / price, heldSize);
        if (Math.Abs(held + (direction * quantity)) * price <= limit - others)
        {
            return quantity;
        }

        // Moving towards the order's side: shares that reduce the current position first (when it is on the other
        // side), then shares that build a position up to the allowed size.
        var reducing = held * direction < 0 ? heldSize : 0m;
        var building = held * direction < 0 ? allowedSize : allowedSize - heldSize;
        var affordable = Math.Floor(reducing + Math.Max(building, 0m));
        return Math.Clamp(affordable, 0m, Math.Floor(quantity));
    }

    /// <summary>Equity and the gross exposure of every other symbol, with <paramref name="symbol"/> valued at
    /// <paramref name="price"/> instead of its last price.</summary>
    private (decimal Equity, decimal OthersGross) ValuedAt(Symbol symbol, decimal price)
    {
        var equity = _cash;
        var others = 0m;
        foreach (var position in _open)
        {
            if (position.Symbol == symbol)
            {
                equity += position.Quantity * price;
            }
            else
            {
                var value = position.MarketValue;
                equity += value;
                others += Math.Abs(value);
            }
        }

        return (equity, others);
    }

    private static string Money(decimal amount) => amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture);

    private static string Shares(decimal quantity) => quantity.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
}
