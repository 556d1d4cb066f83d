using System.Globalization;
using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Shares held plus shares already on order at the market: what a rebalance plans against, so the orders an
/// earlier plan placed count toward its targets and the same plan made twice orders nothing new.</summary>
/// <remarks>Only orders at the market are counted: they fill on the next bar whatever the price. A limit or stop
/// order may never fill, so it is neither counted nor cancelled, and the plan's notes say so. A counted order that
/// the new plan contradicts (it goes the other way, or past the target) is cancelled, and the plan orders what is
/// still needed from the shares held.</remarks>
public sealed class ProjectedPositions
{
    private readonly IReadOnlyDictionary<Symbol, decimal> _held;
    private readonly Dictionary<Symbol, List<WorkingOrder>> _counted = [];
    private readonly List<WorkingOrder> _notCounted = [];
    private readonly List<WorkingOrder> _buys = [];

    /// <param name="held">Shares held by symbol (positive long, negative short).</param>
    /// <param name="working">Orders still working, in the order they were placed.</param>
    public ProjectedPositions(IReadOnlyDictionary<Symbol, decimal> held, IEnumerable<WorkingOrder> working)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(working);
        _held = held;
        var projected = new Dictionary<Symbol, decimal>(held);
        foreach (var order in working.OrderBy(o => o.Id))
        {
            if (order.Side == OrderSide.Buy)
            {
                _buys.Add(order);
            }

            if (!order.AtMarket)
            {
                _notCounted.Add(order);
                continue;
            }

            if (!_counted.TryGetValue(order.Symbol, out var orders))
            {
                _counted[order.Symbol] = orders = [];
            }

            orders.Add(order);
            projected[order.Symbol] = projected.GetValueOrDefault(order.Symbol) + order.Signed;
        }

        Holdings = projected;
    }

    /// <summary>Shares by symbol once the counted orders have filled.</summary>
    public IReadOnlyDictionary<Symbol, decimal> Holdings { get; }

    /// <summary>Symbols with counted orders: a plan needs their prices even when they are neither held nor ranked.</summary>
    public IEnumerable<Symbol> SymbolsOnOrder => _counted.Keys;

    /// <summary>Signed shares of <paramref name="symbol"/> on order at the market.</summary>
    public decimal OnOrder(Symbol symbol) => _counted.TryGetValue(symbol, out var orders) ? orders.Sum(o => o.Signed) : 0m;

    /// <summary>The cash once the counted orders have filled at <paramref name="price"/>, less what working limit and
    /// stop buys hold back at their own prices: the cash a plan against <see cref="Holdings"/> may spend.</summary>
    public decimal Cash(decimal cash, Func<Symbol, double> price)
    {
        ArgumentNullException.ThrowIfNull(price);
        foreach (var (symbol, orders) in _counted)
        {
            cash -= orders.Sum(o => o.Signed) * (decimal)price(symbol);
        }

        return cash - _notCounted.Where(o => o.Side == OrderSide.Buy).Sum(o => o.Remaining * (o.Price ?? (decimal)price(o.Symbol)));
    }

    /// <summary>The cash the working buys still hold back once <paramref name="cancels"/> are done: limit and stop
    /// buys at their prices, market buys at <paramref name="price"/>.</summary>
    public decimal CashPromised(IReadOnlyList<OrderCancel> cancels, Func<Symbol, double> price)
    {
        ArgumentNullException.ThrowIfNull(cancels);
        ArgumentNullException.ThrowIfNull(price);
        var cancelled = cancels.Select(c => c.Order.Id).ToHashSet();
        return _buys.Where(o => !cancelled.Contains(o.Id)).Sum(o => o.Remaining * (o.Price ?? (decimal)price(o.Symbol)));
    }

    /// <summary>Turns <paramref name="plan"/>, made against <see cref="Holdings"/>, into what to send: per symbol, the
    /// counted orders that still lead to the plan's target are kept, the others cancelled, and the new order is the
    /// rest of the way from the shares held. Sells come first, then buys in <paramref name="desired"/>'s order (best
    /// first).</summary>
    public RebalanceOrders Reconcile(DesiredPortfolio desired, RebalancePlan plan)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(plan);
        var rank = new Dictionary<Symbol, int>();
        for (var i = 0; i < desired.Targets.Count; i++)
        {
            rank.TryAdd(desired.Targets[i].Symbol, i);
        }

        var cancels = new List<OrderCancel>();
        var sells = new List<PlannedTrade>();
        var buys = new List<PlannedTrade>();
        var unchanged = new List<PlannedTrade>();
        foreach (var line in plan.Trades)
        {
            var held = _held.GetValueOrDefault(line.Symbol);
            var target = line.Current + line.Quantity;
            var needed = target - held;
            var kept = new List<WorkingOrder>();
            var keptShares = 0m;
            foreach (var order in _counted.GetValueOrDefault(line.Symbol) ?? [])
            {
                if (Math.Sign(order.Signed) == Math.Sign(needed) && Math.Abs(keptShares + order.Signed) <= Math.Abs(needed))
                {
                    kept.Add(order);
                    keptShares += order.Signed;
                    continue;
                }

                var way = Math.Sign(order.Signed) == Math.Sign(needed) ? "past it" : "the other way";
                cancels.Add(new OrderCancel(order, string.Create(CultureInfo.InvariantCulture, $"no longer wanted: the plan wants {target} {line.Symbol} with {held} held, and this order goes {way}")));
            }

            var note = kept.Count == 0
                ? line.Note
                : Join(line.Note, string.Create(CultureInfo.InvariantCulture, $"{keptShares:+0;-0} already on order ({string.Join(", ", kept.Select(o => $"#{o.Id}"))})"));
            var trade = line with { Current = held, OnOrder = keptShares, Quantity = needed - keptShares, Note = note };
            (trade.Quantity < 0 ? sells : trade.Quantity > 0 ? buys : unchanged).Add(trade);
        }

        buys.Sort((a, b) => rank.GetValueOrDefault(a.Symbol, int.MaxValue).CompareTo(rank.GetValueOrDefault(b.Symbol, int.MaxValue)));
        var notes = _notCounted
            .Select(o => $"{o} ({Describe(o)}) is not counted toward the plan: it fills only if the market reaches its price, so it is left working")
            .ToList();
        return new RebalanceOrders(cancels, new RebalancePlan([.. sells, .. buys, .. unchanged]), notes);
    }

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";

    private static string Describe(WorkingOrder order)
    {
        var type = order.Type switch
        {
            OrderType.StopLimit => "stop-limit",
            OrderType.TrailingStop => "trailing stop",
            _ => order.Type.ToString().ToLowerInvariant(),
        };
        return order.Price is { } price ? string.Create(CultureInfo.InvariantCulture, $"{type} at {price}") : type;
    }
}
