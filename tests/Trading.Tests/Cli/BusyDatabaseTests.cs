using Microsoft.Data.Sqlite;

namespace Trading.Tests.Cli;

/// <summary>Commands that only read work while another process writes the same SQLite file: a long import holds the
/// write lock for seconds, and a ranking or a backtest in another terminal must not wait for it and then fail.</summary>
public sealed class BusyDatabaseTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("backtest --strategy sma_cross --symbols SYN001")]
    [InlineData("signals --symbols SYN001,SYN002")]
    public async Task A_read_command_runs_while_another_process_holds_the_write_lock(string commandLine)
    {
        var synth = await _cli.Trade("data", "synth", "--symbols", "2", "--from", "2019-01-01", "--to", "2020-12-31");
        Assert.Equal(0, synth.ExitCode);
        SqliteConnection.ClearAllPools();
        using var writer = new SqliteConnection($"Data Source={_cli.DatabasePath};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);

        var run = await _cli.Trade(commandLine.Split(' '));

        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(0, run.ExitCode);
    }
}
