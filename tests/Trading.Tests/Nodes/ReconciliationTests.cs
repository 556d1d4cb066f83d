using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Nodes;

namespace Trading.Tests.Nodes;

public class ReconciliationTests
{
    private static readonly Symbol Aaa = Symbol.Parse("AAA");
    private static readonly Symbol Bbb = Symbol.Parse("BBB");
    private static readonly DateTime Day = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Ledger_venue_and_journal_agree_after_fills_a_split_and_a_dividend_worked_by_hand()
    {
        var ledger = new Ledger(10_000m, AccountSettings.CashAccount, Day);
        var venue = new SimulatedVenue(new VenueSettings(), ledger);
        ledger.Apply(new Fill(1, Day, Aaa, OrderSide.Buy, 10m, 50m, 1m));
        ledger.Apply(new Fill(2, Day, Bbb, OrderSide.Buy, 4m, 25m, 0m));
        ledger.ApplySplit(Aaa, 2m, Day.AddDays(1));
        ledger.ApplyDividend(Aaa, 0.5m, Day.AddDays(2));
        ledger.Apply(new Fill(3, Day.AddDays(3), Bbb, OrderSide.Sell, 4m, 30m, 1m));

        var check = Reconciliation.Of(ledger, venue, Day.AddDays(3));

        // 10,000 - 501 - 100 + 10 (20 shares x 0.50) + 119 = 9,528.
        Assert.True(check.Agreed, string.Join("; ", check.Differences));
        Assert.Equal(9_528m, check.LedgerCash);
        Assert.Equal(9_528m, check.JournalCash);
        Assert.Equal(9_528m, check.VenueCash);
        var aaa = Assert.Single(check.Positions);
        Assert.Equal(new PositionReconciliation("AAA", 20m, 20m, 20m), aaa);
    }

    [Fact]
    public void A_venue_whose_account_differs_from_the_ledger_is_reported_with_each_difference()
    {
        var ledger = new Ledger(1_000m, AccountSettings.CashAccount, Day);
        ledger.Apply(new Fill(1, Day, Aaa, OrderSide.Buy, 3m, 10m, 0m));
        var venue = new SimulatedVenue(new VenueSettings(), new Execution.FakeFunding { Cash = 1_000m });

        var check = Reconciliation.Of(ledger, venue, Day);

        Assert.False(check.Agreed);
        Assert.Equal(
            ["cash: the ledger has 970, the venue 1000, the journal's transactions sum to 970", "AAA: the ledger holds 3, the venue 0, the journal's fills and splits sum to 3"],
            check.Differences);
    }
}
