using System.Diagnostics;
using System.Text.Json;

using Trading.Tests.Data.Storage;

namespace Trading.Server.Tests;

/// <summary>Ctrl-C in a real <c>trade walkforward</c> process: SIGINT, as a terminal sends it, not a cancelled token.</summary>
public sealed class WalkForwardInterruptTests : IDisposable
{
    private readonly TemporaryDirectory _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task Ctrl_c_after_a_window_keeps_the_finished_windows_writes_them_and_exits_130()
    {
        var json = Path.Combine(_temporary.Path, "wf.json");
        var start = TradeCommand.StartInfo(
            _temporary.Path,
            new Dictionary<string, string>(),
            ["walkforward", "--strategy", "sma_cross", "--param", "fast=2:40:2", "--param", "slow=50:200:10", "--train", "2y", "--test", "1y", "--jobs", "1", "--json", json, "--db", Path.Combine(_temporary.Path, "trading.db")]);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new List<string>();

        // Interrupt once the first window has finished (its line says so): the next window's search is running then.
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            output.Add(line);
            if (line.StartsWith("window 1 of ", StringComparison.Ordinal))
            {
                await TradeCommand.InterruptAsync(process);
                break;
            }
        }

        Assert.True(line is not null, $"the run ended before its first window finished: {string.Join("\n", output)} {await error}");
        output.AddRange((await process.StandardOutput.ReadToEndAsync()).Split('\n'));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}: {await error}");
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        var planned = root.GetProperty("windows_planned").GetInt32();
        var kept = root.GetProperty("windows").GetArrayLength();
        Assert.True(root.GetProperty("cancelled").GetBoolean());
        Assert.InRange(kept, 1, planned - 1);
        var stopped = $"stopped after {kept} of {planned} windows";
        Assert.StartsWith(stopped, root.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(stopped, await error, StringComparison.Ordinal);
        Assert.Equal(1, root.GetProperty("windows")[0].GetProperty("window").GetInt32());
        Assert.True(root.GetProperty("stitched").GetProperty("final_equity").GetDouble() > 0);
        Assert.Contains(output, l => l.StartsWith("stitched out of sample: total_return", StringComparison.Ordinal));
    }
}
