using System.Diagnostics;

namespace Trading.Server.Tests;

/// <summary><c>trade serve</c> that cannot start says why in one line and exits 1, without the host's stack trace.</summary>
public sealed class ServeStartupFailureTests : IDisposable
{
    private readonly TemporaryDatabase _database = new(seeded: false);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_the_server_with_one_line()
    {
        await File.WriteAllTextAsync(_database.Path, "not a database");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _database.Directory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "trade.dll"), "serve", "--urls", "http://127.0.0.1:0", "--db", _database.Path })
        {
            start.ArgumentList.Add(arg);
        }

        using var serve = Process.Start(start)!;
        var output = serve.StandardOutput.ReadToEndAsync();
        var error = serve.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await serve.WaitForExitAsync(timeout.Token);

        var lines = ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, serve.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", line, StringComparison.Ordinal);
    }
}
