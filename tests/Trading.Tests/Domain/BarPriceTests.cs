using FsCheck.Xunit;
using Trading.Domain;

namespace Trading.Tests.Domain;

/// <summary>BarPrice.ToDecimal against the conversion it stands in for: the same bits (value and scale) for every
/// input, or the same exception.</summary>
public sealed class BarPriceTests
{
    [Theory]
    [InlineData(100.1, "100.1")]
    [InlineData(100.0, "100")]
    [InlineData(2.5, "2.5")]
    [InlineData(0.01, "0.01")]
    [InlineData(0.29, "0.29")] // 0.29 × 100 is 28.999999999999996 in doubles
    [InlineData(1.005, "1.005")] // sub-cent: the general conversion
    [InlineData(99999999999.99, "99999999999.99")]
    [InlineData(1e11, "100000000000")]
    [InlineData(0.0, "0")]
    [InlineData(-12.5, "-12.5")]
    [InlineData(1e-7, "0.0000001")]
    public void Converts_as_the_general_conversion_does(double price, string expected)
    {
        Assert.Equal(expected, BarPrice.ToDecimal(price).ToString(System.Globalization.CultureInfo.InvariantCulture));
        AssertSame((decimal)price, BarPrice.ToDecimal(price));
    }

    [Fact]
    public void Every_whole_cent_price_from_a_cent_to_a_hundred_billion_gives_the_same_bits()
    {
        // Log-uniform over 13 orders of magnitude, and the neighbours of each value (one ulp either side).
        var random = new Random(20261125);
        for (var i = 0; i < 300_000; i++)
        {
            var cents = (long)Math.Pow(10, random.NextDouble() * 13);
            var price = cents / 100.0;
            AssertSame((decimal)price, BarPrice.ToDecimal(price));
            AssertSame((decimal)Math.BitIncrement(price), BarPrice.ToDecimal(Math.BitIncrement(price)));
            AssertSame((decimal)Math.BitDecrement(price), BarPrice.ToDecimal(Math.BitDecrement(price)));
        }
    }

    [Fact]
    public void Arbitrary_doubles_give_the_same_bits_or_the_same_exception()
    {
        var random = new Random(7);
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < 300_000; i++)
        {
            random.NextBytes(bytes);
            var value = BitConverter.ToDouble(bytes);
            Same(value);
        }

        foreach (var value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, 1e30, -1e30, 7.9e28, 8e28 })
        {
            Same(value);
        }
    }

    [Property(MaxTest = 2000)]
    public void Any_double_converts_as_the_general_conversion_does(double value) => Same(value);

    private static void Same(double value)
    {
        decimal expected;
        try
        {
            expected = (decimal)value;
        }
        catch (OverflowException)
        {
            Assert.Throws<OverflowException>(() => BarPrice.ToDecimal(value));
            return;
        }

        AssertSame(expected, BarPrice.ToDecimal(value));
    }

    private static void AssertSame(decimal expected, decimal actual) =>
        Assert.Equal(decimal.GetBits(expected), decimal.GetBits(actual));
}
