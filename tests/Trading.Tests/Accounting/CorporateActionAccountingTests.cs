using Trading.Accounting;
using Trading.Domain;

namespace Trading.Tests.Accounting;

/// <summary>Splits and dividends in the ledger, computed by hand.</summary>
public sealed class CorporateActionAccountingTests
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private static Ledger NewLedger() => new(100_000m, AccountSettings.MarginAccount(2m), Trade.Start);

    [Fact]
    public void A_4_for_1_split_multiplies_shares_divides_cost_and_price_and_leaves_value_and_pnl_alone()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 20, 100m, day: 1));
        ledger.Apply(Trade.Sell("AAPL", 10, 120m, day: 2));
        var position = ledger.PositionOf(Aapl)!;
        position.Mark(120);
        var equity = ledger.Equity;
        var cash = ledger.Cash;

        ledger.ApplySplit(Aapl, 4m, Trade.Day(3));

        Assert.Equal(40m, position.Quantity);
        Assert.Equal(25m, position.AverageCost);
        Assert.Equal(1_000m, position.CostBasis);
        Assert.Equal(30.0, position.LastPrice);
        Assert.Equal(200m, position.RealizedPnl);
        Assert.Equal(200m, position.UnrealizedPnl);
        Assert.Equal(equity, ledger.Equity);
        Assert.Equal(cash, ledger.Cash);
        Assert.Single(ledger.RoundTrips);
        Assert.Equal(new Transaction(Trade.Day(3), TransactionKind.Split, Aapl, 30m, 4m, 0m, 0m), ledger.Transactions[^1]);
        Assert.Equal("AAPL split 4:1, +30 shares", ledger.Transactions[^1].Description);

        position.Mark(30); // the split-adjusted price
        Assert.Equal(1_200m, position.MarketValue);
        ledger.Apply(Trade.Sell("AAPL", 40, 30m, day: 4));
        Assert.Equal(400m, position.RealizedPnl); // the same as selling 10 at 120 without the split
        Assert.Equal(new RoundTrip(Aapl, PositionSide.Long, Trade.Day(1), Trade.Day(4), 40m, 25m, 30m, 0m, 200m), ledger.RoundTrips[^1]);
    }

    [Fact]
    public void A_1_for_10_reverse_split_divides_shares_and_multiplies_cost_and_price()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 100, 5m, 1m, day: 1));
        var position = ledger.PositionOf(Aapl)!;
        position.Mark(6);

        ledger.ApplySplit(Aapl, 0.1m, Trade.Day(2));

        Assert.Equal(10m, position.Quantity);
        Assert.Equal(50m, position.AverageCost);
        Assert.Equal(60.0, position.LastPrice, 12);
        position.Mark(60);
        Assert.Equal(600m, position.MarketValue);
        Assert.Equal(100m, position.UnrealizedPnl);
        Assert.Equal(1m, position.OpenCommission);
        Assert.Equal(-90m, ledger.Transactions[^1].Quantity);
    }

    [Fact]
    public void A_split_that_leaves_a_fraction_keeps_it_exactly_without_cash_in_lieu()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 5, 30m));
        var cash = ledger.Cash;

        ledger.ApplySplit(Aapl, 1.5m, Trade.Day(2)); // 3 for 2

        var position = ledger.PositionOf(Aapl)!;
        Assert.Equal(7.5m, position.Quantity);
        Assert.Equal(20m, position.AverageCost);
        Assert.Equal(cash, ledger.Cash);
        Assert.Equal(150m, position.MarketValue);
    }

    [Fact]
    public void A_split_of_a_short_position_grows_the_short()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Sell("AAPL", 10, 100m));
        ledger.ApplySplit(Aapl, 2m, Trade.Day(2));

        var position = ledger.PositionOf(Aapl)!;
        Assert.Equal(-20m, position.Quantity);
        Assert.Equal(50m, position.AverageCost);
        Assert.Equal(0m, position.UnrealizedPnl);
    }

    [Fact]
    public void A_split_of_a_flat_or_unknown_symbol_records_nothing()
    {
        var ledger = NewLedger();
        ledger.ApplySplit(Aapl, 2m, Trade.Day(1));
        ledger.Apply(Trade.Buy("AAPL", 10, 100m, day: 2));
        ledger.Apply(Trade.Sell("AAPL", 10, 100m, day: 2));
        ledger.ApplySplit(Aapl, 2m, Trade.Day(3));

        Assert.DoesNotContain(ledger.Transactions, t => t.Kind == TransactionKind.Split);
        Assert.Equal(50.0, ledger.PositionOf(Aapl)!.LastPrice);
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.ApplySplit(Aapl, 0m, Trade.Day(3)));
    }

    [Fact]
    public void A_dividend_pays_a_long_position_per_share()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 100, 50m, day: 1));
        ledger.ApplyDividend(Aapl, 0.24m, Trade.Day(2));

        Assert.Equal(100_000m - 5_000m + 24m, ledger.Cash);
        Assert.Equal(24m, ledger.DividendIncome);
        Assert.Equal(24m, ledger.PositionOf(Aapl)!.Dividends);
        Assert.Equal(
            new Transaction(Trade.Day(2), TransactionKind.Dividend, Aapl, 100m, 0.24m, 24m, 0m),
            ledger.Transactions[^1]);
        Assert.Equal("Dividend 0.24 a share on 100 AAPL: 24.00 received", ledger.Transactions[^1].Description);
        Assert.Equal(ledger.Equity - 100_000m, ledger.RealizedPnl + ledger.UnrealizedPnl + ledger.DividendIncome - ledger.CommissionsPaid);
    }

    [Fact]
    public void A_short_position_pays_the_dividend()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Sell("AAPL", 100, 50m, day: 1));
        ledger.ApplyDividend(Aapl, 0.24m, Trade.Day(2));

        Assert.Equal(100_000m + 5_000m - 24m, ledger.Cash);
        Assert.Equal(-24m, ledger.DividendIncome);
        Assert.Equal(-24m, ledger.Transactions[^1].Amount);
        Assert.Equal("Dividend 0.24 a share on 100 AAPL short: 24.00 paid", ledger.Transactions[^1].Description);
    }

    [Fact]
    public void A_dividend_on_a_flat_position_does_nothing()
    {
        var ledger = NewLedger();
        ledger.ApplyDividend(Aapl, 1m, Trade.Day(1));
        ledger.Apply(Trade.Buy("AAPL", 10, 100m, day: 2));
        ledger.Apply(Trade.Sell("AAPL", 10, 100m, day: 3));
        ledger.ApplyDividend(Aapl, 1m, Trade.Day(4));

        Assert.Equal(100_000m, ledger.Cash);
        Assert.DoesNotContain(ledger.Transactions, t => t.Kind == TransactionKind.Dividend);
    }
}
