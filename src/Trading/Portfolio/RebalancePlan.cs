using System.Globalization;
using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>The orders that turn the actual portfolio into the desired one: sells first, then buys best first, in
/// whole shares, never buying more than the cash (with what the sells bring in, less the cash buffer) allows.</summary>
public sealed record RebalancePlan(IReadOnlyList<PlannedTrade> Trades)
{
    /// <summary>The lines that sell, in plan order.</summary>
    public IEnumerable<PlannedTrade> Sells => Trades.Where(t => t.Quantity < 0);

    /// <summary>The lines that buy, best first.</summary>
    public IEnumerable<PlannedTrade> Buys => Trades.Where(t => t.Quantity > 0);

    /// <summary>Plans the trades from <paramref name="state"/> to <paramref name="desired"/>.</summary>
    /// <param name="prices">The price of every symbol held (targets carry their own); a held symbol without a price
    /// is an error, as its value is unknown.</param>
    /// <remarks>Desired shares are weight × equity / price, rounded toward zero. Sell proceeds and buy costs are
    /// estimated at the plan's prices; the venue fills at the next bar's, so a buy can still be cut at its fill
    /// (see the reconciliation).</remarks>
    public static RebalancePlan Create(
        DesiredPortfolio desired,
        PortfolioState state,
        IReadOnlyDictionary<Symbol, double> prices,
        RiskRules rules,
        RebalanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        var wanted = new Dictionary<Symbol, TargetWeight>();
        foreach (var target in desired.Targets)
        {
            wanted[target.Symbol] = target;
        }

        var sells = new List<PlannedTrade>();
        var unchanged = new List<PlannedTrade>();
        foreach (var (symbol, current) in state.Holdings.Where(h => h.Value != 0).OrderBy(h => h.Key.Value, StringComparer.Ordinal))
        {
            if (wanted.ContainsKey(symbol))
            {
                continue;
            }

            var price = prices.TryGetValue(symbol, out var p) ? p : throw new ArgumentException($"No price for {symbol}, which the portfolio holds.", nameof(prices));
            sells.Add(new PlannedTrade(symbol, current, 0m, -current, price, null));
        }

        var buys = new List<PlannedTrade>();
        foreach (var target in desired.Targets)
        {
            var current = state.QuantityOf(target.Symbol);
            var line = Line(target, current, state.Equity, options);
            if (line.Quantity < 0)
            {
                sells.Add(line);
            }
            else if (line.Quantity > 0)
            {
                buys.Add(line);
            }
            else
            {
                unchanged.Add(line);
            }
        }

        var cash = state.Cash - ((decimal)rules.MinCashBuffer * state.Equity)
            + sells.Sum(s => -s.Quantity * (decimal)s.Price);
        CapBuys(buys, cash);
        return new RebalancePlan([.. sells, .. buys, .. unchanged]);
    }

    /// <summary>This plan with its buys, best first, cut to what <paramref name="cash"/> pays for (for buys sent
    /// once the sells are done and the cash is known), each buy priced at <paramref name="priceNow"/> when given:
    /// prices move between the decision and the sending, and the venue checks the cash at the price of the moment.</summary>
    public RebalancePlan WithBuysCappedTo(decimal cash, Func<Symbol, double>? priceNow = null)
    {
        var trades = Trades.Select(t => priceNow is not null && t.Quantity > 0 && priceNow(t.Symbol) is var p && p > 0 ? t with { Price = p } : t).ToList();
        var buyIndices = Enumerable.Range(0, trades.Count).Where(i => trades[i].Quantity > 0).ToList();
        var buys = buyIndices.Select(i => trades[i]).ToList();
        CapBuys(buys, cash);
        for (var k = 0; k < buyIndices.Count; k++)
        {
            trades[buyIndices[k]] = buys[k];
        }

        return new RebalancePlan(trades);
    }

    /// <summary>This plan in the units after a split of <paramref name="symbol"/> (each old share is now
    /// <paramref name="ratio"/> shares): shares held and wanted scale up, the price down; the order quantity too
    /// when <paramref name="orderScales"/> (the venue scaled a working order, or it is not placed yet), not when it
    /// was done before the split.</summary>
    public RebalancePlan AfterSplit(Symbol symbol, decimal ratio, bool orderScales)
    {
        if (ratio <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, $"A split ratio is positive; got {ratio} for {symbol}.");
        }

        return new RebalancePlan([.. Trades.Select(t => t.Symbol != symbol ? t : t with
        {
            Current = t.Current * ratio,
            Desired = t.Desired * ratio,
            Quantity = orderScales ? t.Quantity * ratio : t.Quantity,
            Price = t.Price / (double)ratio,
        })]);
    }

    /// <summary>Cuts <paramref name="buys"/> in order to what <paramref name="cash"/> pays for: whole buys while
    /// it lasts, then the one that crosses it in whole shares, then nothing.</summary>
    private static void CapBuys(List<PlannedTrade> buys, decimal cash)
    {
        for (var i = 0; i < buys.Count; i++)
        {
            var buy = buys[i];
            if (buy.Quantity <= 0)
            {
                continue;
            }

            var price = (decimal)buy.Price;
            var cost = buy.Quantity * price;
            if (cost <= cash)
            {
                cash -= cost;
                continue;
            }

            var available = Math.Max(cash, 0m);
            var affordable = Math.Floor(available / price);
            cash -= affordable * price;
            buys[i] = buy with
            {
                Quantity = affordable,
                Skipped = affordable == 0,
                Note = affordable == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"skipped: {buy.Quantity} shares cost {cost:0.00}, but the cash is spent ({available:0.00} left)")
                    : string.Create(CultureInfo.InvariantCulture, $"cut from {buy.Quantity} to {affordable} shares: only {available:0.00} of cash left for it"),
            };
        }
    }

    private static PlannedTrade Line(TargetWeight target, decimal current, decimal equity, RebalanceOptions options)
    {
        if (!(target.Price > 0))
        {
            throw new ArgumentException($"The target {target.Symbol} has no usable price ({target.Price}).", nameof(target));
        }

        var price = (decimal)target.Price;
        var shares = decimal.Truncate((decimal)target.Weight * equity / price);
        if (current != 0 && !options.ResizeHeld && Math.Sign(current) == Math.Sign(shares))
        {
            return new PlannedTrade(target.Symbol, current, current, 0m, target.Price, shares == current ? null : string.Create(CultureInfo.InvariantCulture, $"held: stays at {current} shares until a resize day (target {shares})"));
        }

        var difference = shares - current;
        if (difference != 0 && shares != 0 && Math.Abs(difference) * price < options.MinTradeValue)
        {
            return new PlannedTrade(target.Symbol, current, shares, 0m, target.Price, string.Create(CultureInfo.InvariantCulture, $"skipped: {difference:+0;-0} shares is {Math.Abs(difference) * price:0.00}, below min_trade_value {options.MinTradeValue:0.##}"), Skipped: true);
        }

        return new PlannedTrade(target.Symbol, current, shares, difference, target.Price, null);
    }

}
