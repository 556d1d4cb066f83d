using Trading.Accounting;
using Trading.Domain;
using Trading.Strategies;
using Trading.Strategies.BuiltIn;

namespace Trading.Tests.Strategies;

/// <summary>Sizing never overflows: a count beyond what one order may carry is that most, and a close the engine
/// cannot account for is refused with its value and the range.</summary>
public class PositionSizingRangeTests
{
    private static readonly PositionSizing AllIn = new(0, 1m);

    [Fact]
    public void At_a_tiny_price_the_count_is_at_most_what_one_order_may_carry()
    {
        Assert.Equal(OrderRequest.MaxQuantity, AllIn.Shares(decimal.MaxValue, 1, 0.00000001m));
        Assert.Equal(OrderRequest.MaxQuantity, AllIn.Shares(1e20m, 1, 1m));
        Assert.Equal(OrderRequest.MaxQuantity - 1, AllIn.Shares((OrderRequest.MaxQuantity - 1) * 2m, 1, 2m));

        var context = new FakeStrategyContext(new BuyAndHold(BuyAndHold.Definition.Bind(new Dictionary<string, string>())), "AAA")
        {
            Cash = 1e20m,
            Approximation = new ApproximateEquity(1e20, 1),
        };
        Assert.Equal(OrderRequest.MaxQuantity, AllIn.Shares(context, BarPrice.Smallest));
        Assert.Equal(OrderRequest.MaxQuantity, AllIn.Shares(context, (decimal)BarPrice.Smallest));
    }

    [Theory]
    [InlineData(5e-324)]
    [InlineData(1e-20)]
    [InlineData(1e30)]
    [InlineData(double.PositiveInfinity)]
    public void A_close_the_engine_cannot_account_for_is_refused_with_its_value_and_the_range(double close)
    {
        var context = new FakeStrategyContext(new BuyAndHold(BuyAndHold.Definition.Bind(new Dictionary<string, string>())), "AAA")
        {
            Cash = 100_000m,
            Approximation = new ApproximateEquity(100_000, 1),
        };

        var refusal = Assert.Throws<MoneyRangeException>(() => AllIn.Shares(context, close));

        Assert.Equal($"A close of {close.ToString("G", System.Globalization.CultureInfo.InvariantCulture)} is outside the prices sizing accounts for (1E-8 to 1E+12).", refusal.Message);
    }
}
