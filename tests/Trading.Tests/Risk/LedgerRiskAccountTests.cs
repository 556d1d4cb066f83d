using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Risk;
using static Trading.Tests.Risk.FakeRiskAccount;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>The simulated account as risk reads it: the ledger's equity and positions, the venue's working orders.</summary>
public sealed class LedgerRiskAccountTests
{
    private static readonly Symbol Ccc = Symbol.Parse("CCC");

    private readonly Ledger _ledger = new(100_000m, AccountSettings.MarginAccount(2m), Morning.AddDays(-1));
    private readonly SimulatedVenue _venue;
    private readonly LedgerRiskAccount _account;

    public LedgerRiskAccountTests()
    {
        _venue = new SimulatedVenue(new VenueSettings(), _ledger);
        _account = new LedgerRiskAccount(_ledger, _venue);

        // 100 AAA bought at 50, marked at 55.
        _ledger.Apply(new Fill(0, Morning.AddDays(-1), Aaa, OrderSide.Buy, 100, 50m, 0m));
        _ledger.Mark(Aaa, 55);
    }

    [Fact]
    public void Equity_positions_and_prices_come_from_the_ledger()
    {
        Assert.Equal(100_500m, _account.Equity);
        Assert.Equal([Aaa], _account.HeldSymbols);
        Assert.Equal(100m, _account.QuantityOf(Aaa));
        Assert.Equal(0m, _account.QuantityOf(Bbb));
        Assert.Equal(55m, _account.PriceOf(Aaa));
        Assert.Null(_account.PriceOf(Ccc));
    }

    [Fact]
    public void Working_orders_come_from_the_venue_and_leave_it_when_done()
    {
        var buy = _venue.Submit(OrderRequest.Limit(Aaa, OrderSide.Buy, 20, 54m), Morning, 55m);
        var sell = _venue.Submit(OrderRequest.Limit(Aaa, OrderSide.Sell, 30, 60m), Morning, 55m);
        var other = _venue.Submit(OrderRequest.Limit(Bbb, OrderSide.Buy, 10, 20m), Morning, 21m);

        Assert.Equal(
            [(buy.Id, Aaa, OrderSide.Buy, 20m), (sell.Id, Aaa, OrderSide.Sell, 30m), (other.Id, Bbb, OrderSide.Buy, 10m)],
            _account.WorkingOrders.Select(o => (o.Id, o.Symbol, o.Side, o.Remaining)));

        _venue.Cancel(sell.Id, Morning.AddMinutes(1));

        Assert.Equal([buy.Id, other.Id], _account.WorkingOrders.Select(o => o.Id));
    }

    [Fact]
    public void A_symbol_held_by_no_position_is_priced_at_the_close_its_latest_working_order_was_checked_against()
    {
        _venue.Submit(OrderRequest.Limit(Bbb, OrderSide.Buy, 10, 20m), Morning, 21m);
        _venue.Submit(OrderRequest.Limit(Bbb, OrderSide.Buy, 10, 20m), Morning.AddMinutes(1), 21.5m);

        Assert.Equal(21.5m, _account.PriceOf(Bbb));
    }

    [Fact]
    public void A_flat_symbol_without_working_orders_keeps_its_last_price()
    {
        _ledger.Apply(new Fill(0, Morning, Aaa, OrderSide.Sell, 100, 56m, 0m));

        Assert.Empty(_account.HeldSymbols);
        Assert.Equal(56m, _account.PriceOf(Aaa));
    }

    [Fact]
    public void Pre_trade_risk_over_the_simulated_account_counts_the_venues_working_orders()
    {
        // 100 held and 20 on a working buy, at 55: 7 more is 127 × 55 = 6,985, 8 more is 7,040.
        _venue.Submit(OrderRequest.Limit(Aaa, OrderSide.Buy, 20, 54m), Morning, 55m);
        var risk = NewRisk(new RiskLimits { MaxPositionValue = 7_000m });

        Assert.True(risk.Check(Buy(Aaa, 7), 55m, _account, Morning.AddMinutes(1)).IsAccepted);
        Assert.Equal(RiskCheck.PositionValue, risk.Check(Buy(Aaa, 8), 55m, _account, Morning.AddMinutes(1)).RefusedBy);
    }
}
