using Trading.Accounting;
using Trading.Domain;

namespace Trading.Tests.Accounting;

/// <summary>Average cost, realised P&amp;L and round trips, computed by hand.</summary>
public sealed class PositionAccountingTests
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private static Ledger NewLedger() => new(100_000m, AccountSettings.MarginAccount(2m), Trade.Start);

    [Fact]
    public void Several_buys_average_their_prices_and_commissions_stay_out_of_the_cost()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 10, 100m, 1m));
        ledger.Apply(Trade.Buy("AAPL", 20, 110m, 2m));
        ledger.Apply(Trade.Buy("AAPL", 10, 95m, 1m));

        var position = ledger.PositionOf(Aapl)!;
        Assert.Equal(40m, position.Quantity);
        Assert.Equal(4_150m, position.CostBasis);
        Assert.Equal(103.75m, position.AverageCost);
        Assert.Equal(4m, position.Commissions);
        Assert.Equal(4m, position.OpenCommission);
        Assert.Equal(100_000m - 4_150m - 4m, ledger.Cash);
        Assert.Empty(ledger.RoundTrips);
        Assert.Equal(0m, ledger.RealizedPnl);
    }

    [Fact]
    public void Partial_sell_realises_price_minus_average_cost_and_keeps_the_average()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 10, 100m, 1m));
        ledger.Apply(Trade.Buy("AAPL", 20, 110m, 2m));
        ledger.Apply(Trade.Buy("AAPL", 10, 95m, 1m));
        ledger.Apply(Trade.Sell("AAPL", 15, 120m, 1.5m, day: 5));

        var position = ledger.PositionOf(Aapl)!;
        Assert.Equal(25m, position.Quantity);
        Assert.Equal(103.75m, position.AverageCost);
        Assert.Equal(243.75m, position.RealizedPnl); // (120 - 103.75) × 15
        Assert.Equal(2.5m, position.OpenCommission); // 4 × 25/40 stays with the open shares
        Assert.Equal(97_644.5m, ledger.Cash); // 95,846 + 1,800 - 1.5

        var trip = Assert.Single(ledger.RoundTrips);
        Assert.Equal(new RoundTrip(Aapl, PositionSide.Long, Trade.Day(1), Trade.Day(5), 15m, 103.75m, 120m, 3m, 240.75m), trip);

        position.Mark(130);
        Assert.Equal(3_250m, position.MarketValue);
        Assert.Equal(656.25m, position.UnrealizedPnl); // (130 - 103.75) × 25
        Assert.Equal(100_894.5m, ledger.Equity);
        Assert.Equal(ledger.Equity - 100_000m, ledger.RealizedPnl + ledger.UnrealizedPnl + ledger.DividendIncome - ledger.CommissionsPaid);
    }

    [Fact]
    public void Short_then_cover_in_two_steps_realises_entry_minus_exit()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Sell("AAPL", 100, 50m, 5m, day: 1));
        var position = ledger.PositionOf(Aapl)!;
        Assert.Equal(-100m, position.Quantity);
        Assert.Equal(50m, position.AverageCost);
        Assert.Equal(-5_000m, position.CostBasis);
        Assert.Equal(PositionSide.Short, position.Side);

        ledger.Apply(Trade.Buy("AAPL", 40, 45m, 2m, day: 2));
        Assert.Equal(-60m, position.Quantity);
        Assert.Equal(200m, position.RealizedPnl); // (50 - 45) × 40
        Assert.Equal(new RoundTrip(Aapl, PositionSide.Short, Trade.Day(1), Trade.Day(2), 40m, 50m, 45m, 4m, 196m), ledger.RoundTrips[^1]);

        ledger.Apply(Trade.Buy("AAPL", 60, 55m, 3m, day: 3));
        Assert.Equal(0m, position.Quantity);
        Assert.Equal(-100m, position.RealizedPnl); // 200 + (50 - 55) × 60
        Assert.Equal(new RoundTrip(Aapl, PositionSide.Short, Trade.Day(1), Trade.Day(3), 60m, 50m, 55m, 6m, -306m), ledger.RoundTrips[^1]);
        Assert.Equal(99_890m, ledger.Cash); // 100,000 + 4,995 - 1,802 - 3,303
        Assert.Equal(99_890m, ledger.Equity);
        Assert.Equal(-110m, ledger.RoundTrips.Sum(t => t.ProfitAndLoss));
        Assert.Null(position.OpenedAt);
        Assert.Equal(0m, position.CostBasis);
    }

    [Fact]
    public void Crossing_through_zero_closes_the_long_then_opens_a_short_at_the_fill_price()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 10, 100m, 1m, day: 1));
        ledger.Apply(Trade.Sell("AAPL", 30, 110m, 3m, day: 2));

        var position = ledger.PositionOf(Aapl)!;
        Assert.Equal(-20m, position.Quantity);
        Assert.Equal(110m, position.AverageCost);
        Assert.Equal(100m, position.RealizedPnl);
        Assert.Equal(2m, position.OpenCommission); // 20 of the fill's 30 shares carry 2 of its 3 commission
        Assert.Equal(Trade.Day(2), position.OpenedAt);
        Assert.Equal(new RoundTrip(Aapl, PositionSide.Long, Trade.Day(1), Trade.Day(2), 10m, 100m, 110m, 2m, 98m), Assert.Single(ledger.RoundTrips));
        Assert.Equal(102_296m, ledger.Cash);

        position.Mark(105);
        Assert.Equal(100m, position.UnrealizedPnl); // short 20 from 110 to 105
        Assert.Equal(100_196m, ledger.Equity);

        ledger.Apply(Trade.Buy("AAPL", 20, 100m, 2m, day: 3));
        Assert.Equal(new RoundTrip(Aapl, PositionSide.Short, Trade.Day(2), Trade.Day(3), 20m, 110m, 100m, 4m, 196m), ledger.RoundTrips[^1]);
        Assert.Equal(294m, ledger.RoundTrips.Sum(t => t.ProfitAndLoss));
        Assert.Equal(100_294m, ledger.Equity);
    }

    [Fact]
    public void Round_trip_commissions_split_by_quantity_and_add_up_to_every_commission_paid()
    {
        // Commission per open share: 1 / 3. The first close takes a third of it, rounded to 10 places; the last
        // close takes whatever is left, so nothing is lost.
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 3, 10m, 1m, day: 1));
        ledger.Apply(Trade.Sell("AAPL", 1, 12m, 0.30m, day: 2));
        ledger.Apply(Trade.Sell("AAPL", 2, 12m, 0.30m, day: 3));

        Assert.Equal(2, ledger.RoundTrips.Count);
        Assert.Equal(0.6333333333m, ledger.RoundTrips[0].Commission);
        Assert.Equal(1.3666666667m, ledger.RoundTrips[0].ProfitAndLoss);
        Assert.Equal(0.9666666667m, ledger.RoundTrips[1].Commission);
        Assert.Equal(3.0333333333m, ledger.RoundTrips[1].ProfitAndLoss);
        Assert.Equal(1.6m, ledger.RoundTrips.Sum(t => t.Commission));
        Assert.Equal(4.4m, ledger.RoundTrips.Sum(t => t.ProfitAndLoss)); // 6 of price P&L less 1.60 of commissions
        Assert.Equal(ledger.Equity - 100_000m, ledger.RoundTrips.Sum(t => t.ProfitAndLoss));
    }

    [Fact]
    public void A_fill_that_only_closes_gives_its_whole_commission_to_the_round_trip()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 100, 20m, 10m, day: 1));
        ledger.Apply(Trade.Sell("AAPL", 25, 22m, 4m, day: 2));

        var trip = Assert.Single(ledger.RoundTrips);
        Assert.Equal(6.5m, trip.Commission); // 4 + 10 × 25/100
        Assert.Equal(43.5m, trip.ProfitAndLoss); // 2 × 25 - 6.5
        Assert.Equal(7.5m, ledger.PositionOf(Aapl)!.OpenCommission);
    }

    [Fact]
    public void The_position_instance_is_the_same_through_close_and_reopen_and_flat_positions_are_not_open()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 10, 100m));
        var position = ledger.PositionOf(Aapl);
        ledger.Apply(Trade.Sell("AAPL", 10, 100m));
        Assert.Same(position, ledger.PositionOf(Aapl));
        Assert.False(position!.IsOpen);
        Assert.Empty(ledger.OpenPositions);
        ledger.Apply(Trade.Sell("AAPL", 5, 100m));
        Assert.Same(position, ledger.PositionOf(Aapl));
        Assert.Same(position, Assert.Single(ledger.OpenPositions));
        Assert.Null(ledger.PositionOf(Symbol.Parse("MSFT")));
    }

    [Fact]
    public void Transactions_journal_every_cash_movement_and_sum_to_cash()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 10, 100m, 1m, day: 1));
        ledger.Apply(Trade.Sell("AAPL", 4, 110m, 0.5m, day: 2));

        Assert.Collection(
            ledger.Transactions,
            t => Assert.Equal(new Transaction(Trade.Start, TransactionKind.Deposit, null, 0m, 0m, 100_000m, 0m), t),
            t => Assert.Equal(new Transaction(Trade.Day(1), TransactionKind.Buy, Aapl, 10m, 100m, -1_001m, 1m), t),
            t => Assert.Equal(new Transaction(Trade.Day(2), TransactionKind.Sell, Aapl, -4m, 110m, 439.5m, 0.5m), t));
        Assert.Equal(
            ["Deposit 100,000.00", "Buy 10 AAPL at 100, commission 1.00", "Sell 4 AAPL at 110, commission 0.50"],
            ledger.Transactions.Select(t => t.Description));
        Assert.Equal(ledger.Cash, ledger.Transactions.Sum(t => t.Amount));
        Assert.Equal(1.5m, ledger.CommissionsPaid);
        Assert.Equal(1_440m, ledger.TradedValue);
    }

    [Fact]
    public void Marking_writes_the_last_price_skips_missing_prices_and_refuses_negative_ones()
    {
        var ledger = NewLedger();
        ledger.Apply(Trade.Buy("AAPL", 10, 100m));
        var position = ledger.PositionOf(Aapl)!;
        Assert.Equal(100.0, position.LastPrice);

        ledger.Mark(Aapl, 101.5);
        Assert.Equal(101.5, position.LastPrice);
        position.Mark(double.NaN);
        Assert.Equal(101.5, position.LastPrice);
        Assert.Throws<ArgumentOutOfRangeException>(() => position.Mark(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => position.Mark(double.PositiveInfinity));
        ledger.Mark(Symbol.Parse("MSFT"), 10); // never traded: nothing to mark

        Assert.Equal(100_015m, ledger.Equity);
        Assert.Equal(100_015.0, ledger.EquityEstimate);
        Assert.Equal(1_015.0, ledger.GrossExposureEstimate);
        Assert.Equal(new EquityPoint(Trade.Day(2), 100_015.0, 99_000.0, 1_015.0), ledger.Snapshot(Trade.Day(2)));
    }

    [Fact]
    public void Fills_with_impossible_values_are_refused()
    {
        var ledger = NewLedger();
        Assert.Throws<ArgumentException>(() => ledger.Apply(Trade.Buy("AAPL", 10, 100m, -1m)));
        Assert.Throws<ArgumentException>(() => ledger.Apply(Trade.Buy("AAPL", 0, 100m)));
        Assert.Throws<ArgumentException>(() => ledger.Apply(Trade.Buy("AAPL", 1, -100m)));
        Assert.Single(ledger.Transactions);
    }
}
