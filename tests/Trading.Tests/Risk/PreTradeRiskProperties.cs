using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trading.Domain;
using Trading.Risk;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>Generated accounts, limits and orders, checked against a model of the limits written out plainly: an order
/// is accepted exactly when no limit would be exceeded after it, and an accepted order that only reduces a position
/// never adds to any measure.</summary>
public sealed class PreTradeRiskProperties
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(RiskScenarios)])]
    public void An_order_is_accepted_exactly_when_it_leaves_no_limit_exceeded(RiskScenario scenario)
    {
        var (account, order, price) = scenario.Build();
        var model = new LimitModel(account, order, price);
        var limits = scenario.Pinned(model);
        var risk = NewRisk(limits);
        risk.Observe(account, Morning);
        account.Equity = scenario.EquityNow;

        var decision = risk.Check(order, price, account, Morning.AddMinutes(1));

        var lossHit = limits.DailyLossLimit is { } loss && scenario.EquityStart - scenario.EquityNow > loss;
        var valueOk = limits.MaxOrderValue is not { } maxValue || model.OrderValue <= maxValue;
        var positionOk = limits.MaxPositionValue is not { } maxPosition || model.PositionAfter <= maxPosition;
        var grossOk = limits.MaxGrossExposure is not { } maxGross || model.GrossAfter <= maxGross;
        var expected = valueOk && (model.Reducing || (!lossHit && positionOk && grossOk));

        Assert.True(expected == decision.IsAccepted, $"{decision} for {order} at {price}; model: {model}; limits: {limits}");
        if (decision.IsAccepted && model.Reducing)
        {
            Assert.True(model.PositionAfter <= model.PositionBefore && model.GrossAfter <= model.GrossBefore, $"a reducing order added to a measure: {model}");
        }
    }
}


/// <summary>The limits measured the long way: every symbol, every working order, no shortcut.</summary>
internal sealed record LimitModel
{
    public LimitModel(FakeRiskAccount account, OrderRequest order, decimal price)
    {
        var sign = order.Side == OrderSide.Buy ? 1m : -1m;
        var held = account.QuantityOf(order.Symbol);
        var sameSide = account.Working.Where(o => o.Symbol == order.Symbol && o.Side == order.Side).Sum(o => o.Remaining);
        OrderValue = order.Quantity * price;
        Reducing = held != 0 && Math.Sign(held) == -Math.Sign(sign) && order.Quantity + sameSide <= Math.Abs(held);
        PositionBefore = Math.Abs(held + (sign * sameSide)) * price;
        PositionAfter = Math.Abs(held + (sign * (sameSide + order.Quantity))) * price;
        GrossBefore = Gross(account, order, price, withOrder: false);
        GrossAfter = Gross(account, order, price, withOrder: true);
    }

    public decimal OrderValue { get; }

    public bool Reducing { get; }

    public decimal PositionBefore { get; }

    public decimal PositionAfter { get; }

    public decimal GrossBefore { get; }

    public decimal GrossAfter { get; }

    private static decimal Gross(FakeRiskAccount account, OrderRequest order, decimal price, bool withOrder)
    {
        var gross = 0m;
        foreach (var symbol in RiskScenario.Universe)
        {
            var held = account.QuantityOf(symbol);
            var buys = account.Working.Where(o => o.Symbol == symbol && o.Side == OrderSide.Buy).Sum(o => o.Remaining);
            var sells = account.Working.Where(o => o.Symbol == symbol && o.Side == OrderSide.Sell).Sum(o => o.Remaining);
            if (withOrder && symbol == order.Symbol)
            {
                buys += order.Side == OrderSide.Buy ? order.Quantity : 0m;
                sells += order.Side == OrderSide.Sell ? order.Quantity : 0m;
            }

            var symbolPrice = symbol == order.Symbol ? price : account.PriceOf(symbol)!.Value;
            gross += Math.Max(Math.Abs(held + buys), Math.Abs(held - sells)) * symbolPrice;
        }

        return gross;
    }
}

/// <summary>An account on three symbols (every one priced), some working orders, limits each present or not, and an
/// order. <see cref="Pin"/> moves one limit onto the model's measure or a cent under it, so boundaries are tried.</summary>
public sealed record RiskScenario(
    int[] Held,
    int[] PriceCents,
    (int Symbol, OrderSide Side, int Remaining)[] Working,
    int OrderSymbol,
    OrderSide OrderSide,
    int OrderQuantity,
    int OrderPriceCents,
    long?[] LimitCents,
    decimal EquityStart,
    decimal EquityNow,
    int Pin)
{
    public static readonly Symbol[] Universe = [Symbol.Parse("AAA"), Symbol.Parse("BBB"), Symbol.Parse("CCC")];

    internal (FakeRiskAccount Account, OrderRequest Order, decimal Price) Build()
    {
        var account = new FakeRiskAccount { Equity = EquityStart };
        for (var i = 0; i < Universe.Length; i++)
        {
            account.Hold(Universe[i], Held[i], PriceCents[i] / 100m);
        }

        foreach (var (symbol, side, remaining) in Working)
        {
            account.Work(Universe[symbol], side, remaining);
        }

        return (account, OrderRequest.Market(Universe[OrderSymbol], OrderSide, OrderQuantity), OrderPriceCents / 100m);
    }

    /// <summary>The limits, with one of order value, position value or gross exposure set on the model's measure
    /// (Pin 1-3) or a cent below it (Pin 4-6) when that stays positive; Pin 0 leaves them as generated.</summary>
    internal RiskLimits Pinned(LimitModel model)
    {
        var limits = new RiskLimits
        {
            MaxOrderValue = LimitCents[0] / 100m,
            MaxPositionValue = LimitCents[1] / 100m,
            MaxGrossExposure = LimitCents[2] / 100m,
            DailyLossLimit = LimitCents[3] / 100m,
        };
        if (Pin == 0)
        {
            return limits;
        }

        var below = Pin > 3 ? 0.01m : 0m;
        var measure = ((Pin - 1) % 3) switch
        {
            0 => model.OrderValue,
            1 => model.PositionAfter,
            _ => model.GrossAfter,
        };
        var limit = measure - below;
        if (limit <= 0)
        {
            return limits;
        }

        return ((Pin - 1) % 3) switch
        {
            0 => limits with { MaxOrderValue = limit },
            1 => limits with { MaxPositionValue = limit },
            _ => limits with { MaxGrossExposure = limit },
        };
    }
}

public static class RiskScenarios
{
    public static Arbitrary<RiskScenario> Scenarios()
    {
        var symbol = Gen.Choose(0, RiskScenario.Universe.Length - 1);
        var side = Gen.Elements(OrderSide.Buy, OrderSide.Sell);
        var working =
            from s in symbol
            from sd in side
            from remaining in Gen.Choose(1, 300)
            select (s, sd, remaining);
        var limit = Gen.Frequency(
            (1, Gen.Constant<long?>(null)),
            (3, Gen.Choose(1, 150_000_000).Select(cents => (long?)cents)));
        var scenario =
            from held in Gen.ArrayOf(Gen.Choose(-500, 500), RiskScenario.Universe.Length)
            from prices in Gen.ArrayOf(Gen.Choose(1, 50_000), RiskScenario.Universe.Length)
            from orders in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(working, n))
            from orderSymbol in symbol
            from orderSide in side
            from quantity in Gen.Choose(1, 600)
            from orderPrice in Gen.Choose(1, 50_000)
            from limits in Gen.ArrayOf(limit, 4)
            from lossCents in Gen.Choose(-500_000, 3_000_000)
            from pin in Gen.Choose(0, 6)
            select new RiskScenario(held, prices, orders, orderSymbol, orderSide, quantity, orderPrice, limits, 100_000m, 100_000m - (lossCents / 100m), pin);
        return Arb.From(scenario);
    }
}
