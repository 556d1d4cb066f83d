using Trading.Domain;
using Trading.Execution;
using static Trading.Tests.Execution.VenueHarness;

namespace Trading.Tests.Execution;

/// <summary>The arithmetic of each commission and slippage model, by hand.</summary>
public class CostModelTests
{
    private static readonly OrderRequest Order = OrderRequest.Market(Aaa, OrderSide.Buy, 1000);
    private static readonly Bar AnyBar = Bar(2, 50, 51, 49, 50, 1000);

    [Fact]
    public void Zero_commission_charges_nothing()
    {
        Assert.Equal(0m, new ZeroCommission().Commission(Order, 1000, 50m, true));
    }

    [Fact]
    public void Percent_of_value_commission_charges_the_rate_of_the_value_but_at_least_the_minimum()
    {
        var model = new PercentOfValueCommission(0.001m, minimum: 10m);

        // 0.001 × 1000 × 50.25 = 50.25; 0.001 × 100 × 50.25 = 5.025 → the minimum 10.
        Assert.Equal(50.25m, model.Commission(Order, 1000, 50.25m, true));
        Assert.Equal(10m, model.Commission(Order, 100, 50.25m, true));
        Assert.Equal(5.025m, new PercentOfValueCommission(0.001m).Commission(Order, 100, 50.25m, false));
    }

    [Fact]
    public void Per_share_commission_is_the_rate_times_shares_between_the_minimum_and_the_fraction_of_value_cap()
    {
        var ib = new PerShareCommission(0.005m, minimum: 1m, maximum: 0.01m);

        Assert.Equal(5m, ib.Commission(Order, 1000, 50m, true));        // 1000 × 0.005
        Assert.Equal(1m, ib.Commission(Order, 100, 50m, true));         // 0.50 → minimum 1.00
        Assert.Equal(2m, ib.Commission(Order, 1000, 0.2m, true));       // 5.00 → 1% of 200
        Assert.Equal(0.5m, ib.Commission(Order, 10, 5m, true));         // minimum 1.00 → 1% of 50 wins
        Assert.Equal(7.5m, new PerShareCommission(0.005m).Commission(Order, 1500, 0.01m, true));
    }

    [Fact]
    public void Fixed_per_order_commission_is_charged_on_the_first_fill_only()
    {
        var model = new FixedPerOrderCommission(1.5m);

        Assert.Equal(1.5m, model.Commission(Order, 10, 50m, isFirstFillOfOrder: true));
        Assert.Equal(0m, model.Commission(Order, 10, 50m, isFirstFillOfOrder: false));
    }

    [Fact]
    public void The_venue_charges_a_per_order_fee_once_over_an_orders_partial_fills()
    {
        var harness = new VenueHarness(new VenueSettings { Commission = new FixedPerOrderCommission(1.5m), MaxVolumeParticipation = 0.5m });
        harness.Submit(OrderRequest.Market(Aaa, OrderSide.Buy, 100), Day(1));

        var fills = harness.Step(Bar(2, 10, 10, 10, 10, 100));
        fills.AddRange(harness.Step(Bar(3, 10, 10, 10, 10, 100)));

        Assert.Equal([1.5m, 0m], fills.Select(f => f.Commission));
    }

    [Fact]
    public void The_venue_charges_commission_on_each_fills_slipped_price()
    {
        var harness = new VenueHarness(new VenueSettings
        {
            Commission = new PercentOfValueCommission(0.01m),
            Slippage = new FixedBasisPointsSlippage(100),
        });
        harness.Submit(OrderRequest.Market(Aaa, OrderSide.Sell, 10), Day(1));

        var fill = Assert.Single(harness.Step(Bar(2, 20, 20.5, 19.5, 20)));

        // 20 × 0.99 = 19.8, inside the bar; 1% of 10 × 19.8 = 1.98.
        Assert.Equal((19.8m, 1.98m), (fill.Price, fill.Commission));
        Assert.Equal(198m - 1.98m, fill.CashFlow);
    }

    [Fact]
    public void No_slippage_keeps_the_price()
    {
        Assert.Equal(50m, new NoSlippage().Apply(OrderSide.Buy, 50m, 1000, AnyBar));
    }

    [Fact]
    public void Fixed_basis_points_slippage_moves_the_price_against_the_trader()
    {
        var model = new FixedBasisPointsSlippage(5);

        Assert.Equal(100.05m, model.Apply(OrderSide.Buy, 100m, 10, AnyBar));
        Assert.Equal(99.95m, model.Apply(OrderSide.Sell, 100m, 10, AnyBar));
    }

    [Fact]
    public void Volume_share_slippage_grows_with_the_square_of_the_share_of_volume_taken()
    {
        var model = new VolumeShareSlippage();

        // 100 of 1000 = 0.1; 0.1 × 0.1² = 0.001.
        Assert.Equal(50.05m, model.Apply(OrderSide.Buy, 50m, 100, AnyBar));
        Assert.Equal(49.95m, model.Apply(OrderSide.Sell, 50m, 100, AnyBar));
        // 500 of 1000 = 0.5; 0.1 × 0.25 = 0.025.
        Assert.Equal(51.25m, model.Apply(OrderSide.Buy, 50m, 500, AnyBar));
    }

    [Fact]
    public void Volume_share_slippage_caps_the_share_and_counts_a_bar_without_volume_as_the_cap()
    {
        var model = new VolumeShareSlippage(0.2m, volumeShareLimit: 0.5m);

        // 2000 of 1000 is capped at 0.5: 0.2 × 0.25 = 0.05.
        Assert.Equal(52.5m, model.Apply(OrderSide.Buy, 50m, 2000, AnyBar));
        Assert.Equal(47.5m, model.Apply(OrderSide.Sell, 50m, 1, Bar(2, 50, 50, 50, 50, 0)));
    }

    [Fact]
    public void Cost_models_refuse_values_that_make_no_sense_and_say_what_would()
    {
        Assert.Contains("0.001 is 0.1%", Assert.Throws<ArgumentOutOfRangeException>(() => new PercentOfValueCommission(-0.001m)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentOfValueCommission(1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentOfValueCommission(0.001m, minimum: -1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerShareCommission(-0.005m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerShareCommission(0.005m, minimum: -1m));
        Assert.Contains("fraction of the fill's value", Assert.Throws<ArgumentOutOfRangeException>(() => new PerShareCommission(0.005m, 1m, maximum: 5m)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedPerOrderCommission(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedBasisPointsSlippage(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VolumeShareSlippage(-0.1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VolumeShareSlippage(0.1m, volumeShareLimit: 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VenueSettings { MaxVolumeParticipation = 0m });
        Assert.Throws<ArgumentOutOfRangeException>(() => new VenueSettings { MaxVolumeParticipation = 1.5m });
    }
}
