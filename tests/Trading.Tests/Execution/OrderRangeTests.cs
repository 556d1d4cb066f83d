using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using static Trading.Tests.Execution.VenueHarness;

namespace Trading.Tests.Execution;

/// <summary>An order whose size or prices the ledger could not account for is refused at submission, naming the
/// symbol, the value and the limit, before any ticket exists: the order book never holds one half-way.</summary>
public class OrderRangeTests
{
    private const OrderSide Buy = OrderSide.Buy;
    private const OrderSide Sell = OrderSide.Sell;

    public static TheoryData<string, decimal, string> Refused => new()
    {
        { "trailing buy", decimal.MaxValue, "trail amount of 79228162514264337593543950335 on AAA is above the largest price the venue accounts for (1E+12)" },
        { "trailing sell", 1e13m, "trail amount of 10000000000000 on AAA is above the largest price the venue accounts for (1E+12)" },
        { "limit", 1e20m, "limit price of 100000000000000000000 on AAA is above the largest price the venue accounts for (1E+12)" },
        { "stop", 1e20m, "stop price of 100000000000000000000 on AAA is above the largest price the venue accounts for (1E+12)" },
        { "market", 1e13m, "An order of AAA for 10000000000000 shares is more than one order may carry (1E+12)" },
        { "reference", 1e20m, "AAA's price of 100000000000000000000 is outside the prices the venue accounts for (1E-8 to 1E+12)" },
        { "reference", 1e-9m, "AAA's price of 0.000000001 is outside the prices the venue accounts for (1E-8 to 1E+12)" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_order_beyond_what_the_ledger_can_account_for_is_refused_before_a_ticket_exists(string kind, decimal value, string message)
    {
        var ledger = new Ledger(100_000m, new AccountSettings(), Day(1));
        var venue = new SimulatedVenue(new VenueSettings(), ledger);
        var events = new List<OrderEvent>();
        venue.OrderChanged += events.Add;
        var (order, reference) = kind switch
        {
            "trailing buy" => (OrderRequest.TrailingStopByAmount(Aaa, Buy, 10, value), 10m),
            "trailing sell" => (OrderRequest.TrailingStopByAmount(Aaa, Sell, 10, value), 10m),
            "limit" => (OrderRequest.Limit(Aaa, Buy, 10, value), 10m),
            "stop" => (OrderRequest.Stop(Aaa, Buy, 10, value), 10m),
            "market" => (OrderRequest.Market(Aaa, Buy, value), 10m),
            _ => (OrderRequest.Market(Aaa, Buy, 1_000_000_000), value),
        };

        var refusal = Assert.Throws<MoneyRangeException>(() => venue.Submit(order, Day(1), reference));

        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(Aaa, refusal.Symbol);
        Assert.Empty(venue.Orders);
        Assert.Empty(events);
        Assert.Equal(0, venue.WorkingOrderCount);

        // The venue goes on as if nothing had been sent.
        var next = venue.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(1), 10m);
        Assert.Equal(1, next.Id);
        Assert.Equal(OrderStatus.Accepted, next.Status);
    }

    [Fact]
    public void A_replace_to_a_price_beyond_the_range_is_refused_and_leaves_the_order_as_it_was()
    {
        var harness = new VenueHarness();
        var limit = harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m), Day(1));

        var refusal = Assert.Throws<MoneyRangeException>(() => harness.Venue.Replace(limit.Id, new OrderChange(LimitPrice: decimal.MaxValue), Day(1)));

        Assert.Contains("limit price of 79228162514264337593543950335 on AAA", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(9m, limit.Request.LimitPrice);
        Assert.Equal(OrderStatus.Accepted, limit.Status);
    }

    [Fact]
    public void The_largest_order_at_the_largest_price_is_accounted_for()
    {
        var ledger = new Ledger(1e25m, new AccountSettings(), Day(1));
        var venue = new SimulatedVenue(new VenueSettings(), ledger);

        var ticket = venue.Submit(OrderRequest.Market(Aaa, Buy, OrderRequest.MaxQuantity), Day(1), (decimal)BarPrice.Largest);

        Assert.Equal(OrderStatus.Accepted, ticket.Status);
    }
}
