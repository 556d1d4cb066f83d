using Trading.Domain;

namespace Trading.Tests.Domain;

public class SymbolTests
{
    [Theory]
    [InlineData("AAPL")]
    [InlineData("^GSPC")]
    [InlineData("BRK-B")]
    [InlineData("BRK.B")]
    [InlineData("EURUSD=X")]
    [InlineData("ES=F")]
    [InlineData("7203.T")]
    public void Real_tickers_are_valid(string text) => Assert.Equal(text, Symbol.Parse(text).Value);

    [Fact]
    public void Lower_case_is_normalised_to_upper_case() => Assert.Equal(Symbol.Parse("AAPL"), Symbol.Parse("aapl"));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("AA PL")]
    [InlineData("AAPL'")]
    [InlineData("\"AAPL\"")]
    [InlineData("AAPL'; DROP TABLE bars;--")]
    [InlineData("../../etc/passwd")]
    [InlineData("-AAPL")]
    [InlineData(".AAPL")]
    [InlineData("AAPL\n")]
    public void Empty_spaces_quotes_sql_and_paths_are_refused(string? text)
    {
        Assert.False(Symbol.TryParse(text, out _));
        var error = Assert.Throws<ArgumentException>(() => Symbol.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_10_kB_string_is_refused_with_its_length()
    {
        var error = Assert.Throws<ArgumentException>(() => Symbol.Parse(new string('A', 10_000)));
        Assert.Contains("10000", error.Message, StringComparison.Ordinal);
    }
}
