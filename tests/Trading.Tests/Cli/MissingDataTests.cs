using System.Text.Json;

namespace Trading.Tests.Cli;

/// <summary>Reading what is not there is an error that names it: a database that does not exist (and nothing is
/// created at a mistyped path), a symbol with no bars stored, a date after the last bar.</summary>
public sealed class MissingDataTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task Synth()
    {
        var synth = await _cli.Trade("data", "synth", "--symbols", "3", "--from", "2019-01-01", "--to", "2020-12-31");
        Assert.Equal(0, synth.ExitCode);
    }

    [Theory]
    [InlineData("data list")]
    [InlineData("signals --symbols SYN001")]
    [InlineData("backtest --strategy sma_cross --symbols SYN001")]
    [InlineData("indicators --symbol SYN001 --indicators sma(3)")]
    public async Task A_read_command_refuses_a_database_that_does_not_exist_and_creates_nothing(string commandLine)
    {
        var typo = Path.Combine(_cli.Directory, "tpyo");
        var database = Path.Combine(typo, "trading.db");

        var run = await _cli.TradeConfigured(null, [.. commandLine.Split(' '), "--db", database]);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: no database at {database}; create one with 'trade data import'", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(typo), "a folder was created at the mistyped path");
    }

    [Theory]
    [InlineData("data import {0}")]
    [InlineData("backtest --strategy buy_and_hold --csv {0}")]
    [InlineData("indicators --indicators sma(2) --csv {0}")]
    [InlineData("signals --universe {0}")]
    public async Task A_directory_given_as_an_input_file_is_named_a_directory_not_a_missing_file(string commandLine)
    {
        await Synth();
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Directory, "prices.csv")).FullName;

        var run = await _cli.Trade(string.Format(System.Globalization.CultureInfo.InvariantCulture, commandLine, folder).Split(' '));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {folder} is a directory, not a file", run.Error.TrimEnd());
    }

    [Fact]
    public async Task A_write_command_still_creates_the_database_and_its_folder()
    {
        var database = Path.Combine(_cli.Directory, "new", "trading.db");

        var run = await _cli.TradeConfigured(null, "data", "synth", "--symbols", "1", "--from", "2020-01-01", "--to", "2020-01-31", "--db", database);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task A_mistyped_symbol_in_signals_is_an_error_naming_it_not_a_silent_sell()
    {
        await Synth();

        var run = await _cli.Trade("signals", "--symbols", "SYN001,NOPE,SYN002", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: no 1d bars stored for NOPE in ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("SYN001", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backtest --strategy sma_cross --symbols SYN001,NOPE")]
    [InlineData("backtest --strategy momentum --symbols NOPE,SYN001,NOPE2 --index ^SYN")]
    [InlineData("indicators --symbol NOPE --indicators sma(3)")]
    public async Task Backtest_and_indicators_name_an_unknown_symbol_the_same_way(string commandLine)
    {
        await Synth();

        var run = await _cli.Trade(commandLine.Split(' '));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Matches(@"^error: no 1d bars stored for (NOPE|2 symbols \(NOPE, NOPE2\)) in .*check the spelling", line);
    }

    [Fact]
    public async Task A_date_after_the_last_stored_bar_is_ranked_as_of_that_bar_with_a_warning_that_names_it()
    {
        await Synth();

        var run = await _cli.Trade("signals", "--symbols", "SYN001,SYN002,SYN003", "--date", "2030-01-01", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("warning: --date 2030-01-01 is after the last stored bar of these symbols, 2020-12-31: the ranking is as of that bar", run.Error.TrimEnd());
        Assert.Equal("2020-12-31", JsonDocument.Parse(run.Output).RootElement.GetProperty("as_of").GetString());
    }

    [Fact]
    public async Task A_date_within_the_stored_bars_gives_no_warning()
    {
        await Synth();

        var run = await _cli.Trade("signals", "--symbols", "SYN001,SYN002,SYN003", "--date", "2020-06-30", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [InlineData("backtest --strategy buy_and_hold --symbols SYN001")]
    [InlineData("indicators --symbol SYN001 --indicators sma(3)")]
    [InlineData("signals --symbols SYN001,SYN002")]
    public async Task A_stored_bar_that_breaks_the_bar_rule_is_one_line_naming_it(string commandLine)
    {
        await Synth();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_cli.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE bars SET high = 1e30, close = 1e30 WHERE symbol = 'SYN001' AND time = (SELECT max(time) FROM bars WHERE symbol = 'SYN001');";
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var run = await _cli.Trade(commandLine.Split(' '));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: The stored SYN001 1d bar at 2020-12-31 breaks the bar rule: high 1E+30 is outside the price range 1e-6 to 1e9.", line, StringComparison.Ordinal);
    }
}
