namespace Trading.Tests.Cli;

/// <summary>Every option's refusal is our sentence, naming the option and what it takes, never .NET's text
/// ("Actual value was", "Cannot parse argument ... as expected type 'System.Decimal'") or a page of choices; a value
/// outside an option's rule is a command line that does not parse (exit code 2), like one that is not a number.</summary>
public sealed class OptionMessageTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("--commission-rate 10", 2, "--commission-rate must be a number at least 0 and below 1 (0.001 is 10 bp); got 10")]
    [InlineData("--commission-rate -0.1", 2, "--commission-rate must be a number at least 0 and below 1 (0.001 is 10 bp); got -0.1")]
    [InlineData("--commission-rate 1,5", 2, "--commission-rate must be a number at least 0 and below 1 (0.001 is 10 bp); got '1,5'")]
    [InlineData("--slippage-bps 10000", 2, "--slippage-bps must be a number at least 0 and below 10000 (5 is 0.05%); got 10000")]
    [InlineData("--cash abc", 2, "--cash must be a number above 0 and at most 1,000,000,000,000; got 'abc'")]
    [InlineData("--cash 1e40", 2, "--cash must be a number above 0 and at most 1,000,000,000,000; got '1e40'")]
    [InlineData("--cash 0", 2, "--cash must be a number above 0 and at most 1,000,000,000,000; got 0")]
    [InlineData("--account margin --leverage 0", 2, "--leverage must be a number above 0 and at most 100 (1 is no borrowing, 2 is twice equity); got 0")]
    [InlineData("--risk-free NaN", 2, "--risk-free must be a number above -1 and at most 1 (0.02 is 2%); got NaN")]
    [InlineData("--risk-free 5", 2, "--risk-free must be a number above -1 and at most 1 (0.02 is 2%); got 5")]
    [InlineData("--account foo", 2, "--account must be cash or margin; got 'foo'")]
    public async Task Backtest_options_are_refused_in_one_line_naming_the_option_and_its_rule(string options, int exitCode, string expected)
    {
        var run = await _cli.Trade(["backtest", "--strategy", "sma_cross", .. options.Split(' ')]);

        AssertRefused(run, exitCode, expected);
    }

    [Theory]
    [InlineData("data synth --symbols x", 2, "--symbols must be a whole number between 1 and 5000; got 'x'")]
    [InlineData("data synth --symbols 0", 2, "--symbols must be a whole number between 1 and 5000; got 0")]
    [InlineData("data synth --seed -1", 2, "--seed must be a whole number from 0 to 18446744073709551615; got '-1'")]
    [InlineData("demo --top 0", 2, "--top must be a whole number at least 1; got 0")]
    [InlineData("demo --symbols 99999", 2, "--symbols must be a whole number between 1 and 5000; got 99999")]
    [InlineData("signals --symbols A --equity 1e13", 2, "--equity must be a number above 0 and at most 1,000,000,000,000; got 1e13")]
    [InlineData("indicators --symbol A --indicators sma(2) --adjust foo", 2, "--adjust must be none, splits or all; got 'foo'")]
    public async Task Other_commands_options_are_refused_the_same_way(string commandLine, int exitCode, string expected)
    {
        var run = await _cli.Trade(commandLine.Split(' '));

        AssertRefused(run, exitCode, expected);
    }

    [Theory]
    [InlineData(new[] { "data", "synth", "--from", "2024-02-30" }, "--from '2024-02-30' is not a date; write it as yyyy-MM-dd, e.g. 2024-12-31")]
    [InlineData(new[] { "data", "synth", "--to", "99999-01-01" }, "--to '99999-01-01' is not a date; write it as yyyy-MM-dd, e.g. 2024-12-31")]
    [InlineData(new[] { "backtest", "--strategy", "sma_cross", "--from", "" }, "--from '' is not a date; write it as yyyy-MM-dd, e.g. 2024-12-31")]
    [InlineData(new[] { "signals", "--symbols", "A", "--date", "31/12/2024" }, "--date '31/12/2024' is not a date; write it as yyyy-MM-dd, e.g. 2024-12-31")]
    [InlineData(new[] { "indicators", "--symbol", "A", "--indicators", "sma(2)", "--to", "2024-1-1" }, "--to '2024-1-1' is not a date; write it as yyyy-MM-dd, e.g. 2024-12-31")]
    [InlineData(new[] { "data", "list", "--db", "" }, "--db needs a file name; got ''")]
    [InlineData(new[] { "data", "synth", "--db", " " }, "--db needs a file name; got ' '")]
    public async Task A_date_that_is_not_one_or_an_empty_database_path_is_a_command_line_that_does_not_parse(string[] args, string expected)
    {
        var run = await _cli.TradeConfigured(null, args);

        AssertRefused(run, 2, expected);
        Assert.EndsWith("--help')", run.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Directory, ".trade")));
    }

    [Theory]
    [InlineData(new[] { "signals", "--symbols", "" }, "--symbols names no symbol; got '' (give tickers like AAPL,MSFT)")]
    [InlineData(new[] { "signals", "--symbols", "," }, "--symbols names no symbol; got ',' (give tickers like AAPL,MSFT)")]
    [InlineData(new[] { "backtest", "--strategy", "buy_and_hold", "--symbols", " , " }, "--symbols names no symbol; got ' , ' (give tickers like AAPL,MSFT)")]
    [InlineData(new[] { "data", "fetch", "" }, "data fetch names no symbol; got '' (give tickers like AAPL,MSFT)")]
    [InlineData(new[] { "backtest", "--strategy", "sma_cross", "--set", "fast=5", "--set", "fast=6" }, "--set fast is given twice (5 and 6); give it once")]
    public async Task Symbols_that_name_nothing_and_a_parameter_set_twice_are_refused(string[] args, string expected)
    {
        var synth = await _cli.Trade("data", "synth", "--symbols", "1", "--from", "2020-01-01", "--to", "2020-12-31");
        Assert.Equal(0, synth.ExitCode);

        var run = await _cli.Trade(args);

        AssertRefused(run, 1, expected);
        Assert.Equal(string.Empty, run.Output);
    }

    private static void AssertRefused((int ExitCode, string Output, string Error) run, int exitCode, string expected)
    {
        Assert.Equal(exitCode, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: " + expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
    }
}
