namespace Trading.Tests.Cli;

/// <summary>A run over nothing is an error that says why, never a summary of zeros dated 0001-01-01 or a header
/// without rows: a CSV file with no bars, a range outside the file's or the synthetic market's.</summary>
public sealed class EmptyInputTests : IDisposable
{
    private const string TwoDays = "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100\n2024-01-03,10,12,9,11,100\n";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("Date,Open,High,Low,Close,Volume\n", "a header and no rows")]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,null,null,null,null,null,null\n", "1 null rows")]
    public async Task A_backtest_of_a_csv_file_without_bars_says_so(string content, string why)
    {
        var file = _cli.File("empty.csv", content);

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", file);

        AssertOneLine(run, $"error: {file} has no bars to backtest ({why})");
    }

    [Theory]
    [InlineData("--from", "2030-01-01", "error: abc.csv has no bars between 2030-01-01 and the end; it holds 2024-01-02 to 2024-01-03")]
    [InlineData("--to", "1990-01-01", "error: abc.csv has no bars between the start and 1990-01-01; it holds 2024-01-02 to 2024-01-03")]
    public async Task A_backtest_of_a_csv_file_outside_its_range_says_what_the_file_holds(string option, string value, string expected)
    {
        var file = _cli.File("abc.csv", TwoDays);

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", file, option, value);

        AssertOneLine(run, expected);
    }

    [Fact]
    public async Task A_backtest_of_the_synthetic_market_outside_its_years_says_what_it_holds()
    {
        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--from", "2030-01-01");

        AssertOneLine(run, "error: the synthetic market has no bars between 2030-01-01 and the end; it holds 2000-01-03 to 2024-12-31");
    }

    [Fact]
    public async Task Indicators_of_a_csv_file_outside_its_range_say_what_the_file_holds()
    {
        var file = _cli.File("abc.csv", TwoDays);

        var run = await _cli.Trade("indicators", "--csv", file, "--indicators", "sma(2)", "--from", "2030-01-01");

        AssertOneLine(run, "error: abc.csv has no bars between 2030-01-01 and the end; it holds 2024-01-02 to 2024-01-03");
    }

    private static void AssertOneLine((int ExitCode, string Output, string Error) run, string expected, string output = "")
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(expected, run.Error.TrimEnd());
        Assert.Equal(output, run.Output);
    }
}
