using System.CommandLine;
using Trading.Cli;

namespace Trading.Tests.Cli;

/// <summary>Whatever goes wrong, <c>trade</c> says it in one <c>error:</c> line and exits 1: no "Unhandled
/// exception", no stack trace.</summary>
public sealed class ErrorLineTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static async Task<(int ExitCode, string Output, string Error)> RunThrowing(Func<Exception> failure)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error);
        var root = new RootCommand("test");
        var command = new Command("fail");
        command.SetAction(_ => Task.Run(() => throw failure()).Wait());
        root.Subcommands.Add(command);

        var code = await TradeApp.RunAsync(root, ["fail"], context, CancellationToken.None);

        return (code, output.ToString(), error.ToString());
    }

    private static void AssertOneErrorLine(string error)
    {
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line.Replace("OverflowException", string.Empty, StringComparison.Ordinal).Replace("InvalidOperationException", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_mistake_thrown_from_a_task_is_its_own_message_not_the_tasks_wrapper()
    {
        var run = await RunThrowing(() => new ArgumentException("fast must be a whole number; got 'x'"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: fast must be a whole number; got 'x'", run.Error.TrimEnd());
    }

    [Fact]
    public async Task An_unexpected_exception_is_one_line_that_says_it_is_an_internal_error()
    {
        var run = await RunThrowing(() => new InvalidOperationException("the ledger lost a share"));

        Assert.Equal(1, run.ExitCode);
        AssertOneErrorLine(run.Error);
        Assert.Contains("internal error (InvalidOperationException: the ledger lost a share)", run.Error, StringComparison.Ordinal);
        Assert.Contains("this is a bug in trade", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backtest_over_prices_the_engine_cannot_carry_is_one_error_line()
    {
        var csv = _cli.File("HUGE.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1e30,1e30,1e30,1e30,1\n2020-01-03,1e30,1e30,1e30,1e30,1\n");

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", csv);

        Assert.Equal(1, run.ExitCode);
        AssertOneErrorLine(run.Error);
    }

    [Fact]
    public async Task Trade_alone_prints_the_help_and_exits_0()
    {
        var run = await _cli.TradeConfigured(null);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        foreach (var command in new[] { "data", "indicators", "signals", "backtest", "demo", "serve" })
        {
            Assert.Contains(command, run.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Cache:SizeLimitBytes", "abc", "error: Cache:SizeLimitBytes must be a whole number from -9223372036854775808 to 9223372036854775807; got 'abc'")]
    [InlineData("Cache:SlidingExpiration", "-00:01:00", "error: Cache:SlidingExpiration must be a positive duration, or empty to keep entries until evicted; got -00:01:00.")]
    [InlineData("Yahoo:MaxRetries", "1000", "error: Yahoo:MaxRetries must be between 0 and 100; got 1000.")]
    [InlineData("Store:SqliteWritePollInterval", "soon", "error: Store:SqliteWritePollInterval must be a duration as [d.]hh:mm:ss, like 00:00:30; got 'soon'")]
    public async Task A_bad_data_setting_is_one_line_naming_its_key_whichever_command_reads_the_configuration(string key, string value, string expected)
    {
        var list = await _cli.TradeWith(new Dictionary<string, string?> { [key] = value }, ["data", "list"]);
        var synth = await _cli.TradeWith(new Dictionary<string, string?> { [key] = value }, ["data", "synth", "--symbols", "1"]);

        foreach (var run in new[] { list, synth })
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Equal(expected, Assert.Single(run.Error.TrimEnd().Split('\n')));
        }

        Assert.False(File.Exists(_cli.DatabasePath));
    }
}
