using Trading.Domain;
using Trading.Portfolio;

namespace Trading.Risk;

/// <summary>One symbol's shares held and the shares its working orders would still buy and sell: the range the
/// position can reach if any of them fill is from held − sells to held + buys.</summary>
internal readonly record struct Exposure(decimal Held, decimal WorkingBuys, decimal WorkingSells)
{
    /// <summary>The working quantity on <paramref name="side"/>.</summary>
    public decimal Working(OrderSide side) => side == OrderSide.Buy ? WorkingBuys : WorkingSells;

    /// <summary>The position if every working order on <paramref name="side"/> filled.</summary>
    public decimal Projected(OrderSide side) => side == OrderSide.Buy ? Held + WorkingBuys : Held - WorkingSells;

    /// <summary>The largest position, in absolute shares, some fills of the working orders can leave.</summary>
    public decimal Largest => Math.Max(Math.Abs(Held + WorkingBuys), Math.Abs(Held - WorkingSells));

    /// <summary>The exposure with <paramref name="order"/> added to its side's working orders.</summary>
    public Exposure With(OrderRequest order) => order.Side == OrderSide.Buy
        ? this with { WorkingBuys = WorkingBuys + order.Quantity }
        : this with { WorkingSells = WorkingSells + order.Quantity };

    /// <summary>True when <paramref name="order"/> can only shrink the position, whatever else fills: it is on the other
    /// side of the shares held, and with the working orders on its side it sells (or buys back) no more than is held.</summary>
    public bool IsReducedBy(OrderRequest order) =>
        Held != 0
        && (Held > 0) == (order.Side == OrderSide.Sell)
        && order.Quantity + Working(order.Side) <= Math.Abs(Held);

    /// <summary>Every symbol's exposure in the account: held shares and working orders (remaining quantities).</summary>
    /// <exception cref="OverflowException">The quantities are beyond decimal's range.</exception>
    public static Dictionary<Symbol, Exposure> Of(IRiskAccount account)
    {
        var exposures = new Dictionary<Symbol, Exposure>();
        foreach (var symbol in account.HeldSymbols)
        {
            exposures[symbol] = new Exposure(account.QuantityOf(symbol), 0m, 0m);
        }

        foreach (var order in account.WorkingOrders)
        {
            var exposure = exposures.TryGetValue(order.Symbol, out var known) ? known : new Exposure(account.QuantityOf(order.Symbol), 0m, 0m);

            // A remaining quantity is positive by definition; a view that says otherwise is counted at its size, never as less.
            var remaining = Math.Abs(order.Remaining);
            exposures[order.Symbol] = order.Side == OrderSide.Buy
                ? exposure with { WorkingBuys = exposure.WorkingBuys + remaining }
                : exposure with { WorkingSells = exposure.WorkingSells + remaining };
        }

        return exposures;
    }

    /// <summary>The working orders that can only shrink their positions, taken in submission order: on the other side
    /// of the shares held, until together they would close more than is held.</summary>
    public static HashSet<long> Reducing(IRiskAccount account)
    {
        var reducing = new HashSet<long>();
        var used = new Dictionary<Symbol, decimal>();
        var orders = new List<WorkingOrder>(account.WorkingOrders);
        orders.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        foreach (var order in orders)
        {
            var held = account.QuantityOf(order.Symbol);
            if (held == 0 || (held > 0) != (order.Side == OrderSide.Sell))
            {
                continue;
            }

            var after = used.GetValueOrDefault(order.Symbol) + Math.Abs(order.Remaining);
            used[order.Symbol] = after;
            if (after <= Math.Abs(held))
            {
                reducing.Add(order.Id);
            }
        }

        return reducing;
    }
}
