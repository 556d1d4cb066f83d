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
    [InlineData("--account margin --leverage 0", 2, "--leverage must be a number above 0 (1 is no borrowing, 2 is twice equity); got 0")]
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

    private static void AssertRefused((int ExitCode, string Output, string Error) run, int exitCode, string expected)
    {
        Assert.Equal(exitCode, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: " + expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
    }
}
