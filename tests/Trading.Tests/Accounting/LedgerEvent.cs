using FsCheck;
using FsCheck.Fluent;
using Trading.Domain;

namespace Trading.Tests.Accounting;

/// <summary>Something that happens to an account in a generated history; symbols are indexes into a small universe
/// and money is in whole cents, so every amount is an exact decimal.</summary>
public abstract record LedgerEvent
{
    public static readonly Symbol[] Universe = [Symbol.Parse("AAA"), Symbol.Parse("BBB"), Symbol.Parse("CCC")];
}

public sealed record FillEvent(int Symbol, OrderSide Side, int Quantity, int PriceCents, int CommissionCents) : LedgerEvent;

public sealed record MarkEvent(int Symbol, int PriceCents) : LedgerEvent;

public sealed record SplitEvent(int Symbol, decimal Ratio) : LedgerEvent;

public sealed record DividendEvent(int Symbol, int CentsPerShare) : LedgerEvent;

/// <summary>Histories of fills (most events), marks, splits (forward, reverse and 3:2) and dividends; they shrink
/// by dropping events.</summary>
public static class LedgerHistories
{
    public static Arbitrary<LedgerEvent[]> Events()
    {
        var symbol = Gen.Choose(0, LedgerEvent.Universe.Length - 1);
        var fill =
            from s in symbol
            from side in Gen.Elements(OrderSide.Buy, OrderSide.Sell)
            from quantity in Gen.Choose(1, 300)
            from price in Gen.Choose(100, 50_000)
            from commission in Gen.Choose(0, 999)
            select (LedgerEvent)new FillEvent(s, side, quantity, price, commission);
        var mark =
            from s in symbol
            from price in Gen.Choose(1, 60_000)
            select (LedgerEvent)new MarkEvent(s, price);
        var split =
            from s in symbol
            from ratio in Gen.Elements(2m, 3m, 4m, 1.5m, 0.5m, 0.25m, 0.1m)
            select (LedgerEvent)new SplitEvent(s, ratio);
        var dividend =
            from s in symbol
            from cents in Gen.Choose(1, 250)
            select (LedgerEvent)new DividendEvent(s, cents);
        var anyEvent = Gen.Frequency((12, fill), (5, mark), (1, split), (2, dividend));
        return Arb.From(Gen.Sized(size => Gen.ArrayOf(anyEvent, 2 * size)), Shrink);
    }

    private static IEnumerable<LedgerEvent[]> Shrink(LedgerEvent[] events)
    {
        if (events.Length > 1)
        {
            yield return events[..(events.Length / 2)];
            yield return events[(events.Length / 2)..];
        }

        for (var i = 0; i < events.Length; i++)
        {
            yield return [.. events[..i], .. events[(i + 1)..]];
        }
    }
}
