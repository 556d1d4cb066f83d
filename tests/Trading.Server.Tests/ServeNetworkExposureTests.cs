using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Trading.Server.Tests;

/// <summary><c>trade serve</c> listening beyond loopback: refused without an API key unless allowed, and said at start.</summary>
public sealed class ServeNetworkExposureTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private Process Serve(params string[] more) => Start([Path.Combine(AppContext.BaseDirectory, "trade.dll"), "serve", "--db", _database.Path, .. more]);

    private Process Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _database.Directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test's own environment must not lend the server a key.
        start.Environment.Remove("TRADE_Server__ApiKey");
        return Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public Task Every_interface_without_an_api_key_is_refused_with_one_line_and_exit_code_1() =>
        RefusedWithOneLine(Serve("--urls", $"http://0.0.0.0:{FreePort()}"));

    [Fact]
    public Task The_server_assembly_started_directly_refuses_the_same_way() =>
        RefusedWithOneLine(Start([Path.Combine(AppContext.BaseDirectory, "Trading.Server.dll"), "--urls", $"http://0.0.0.0:{FreePort()}", $"--Store:SqlitePath={_database.Path}"]));

    private static async Task RefusedWithOneLine(Process started)
    {
        using var serve = started;
        var output = serve.StandardOutput.ReadToEndAsync();
        var error = serve.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await serve.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!serve.HasExited)
            {
                // It started, which is the failure: stop it rather than leave it listening.
                serve.Kill(entireProcessTree: true);
            }
        }

        var lines = ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, serve.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("every network interface", line, StringComparison.Ordinal);
        Assert.Contains("Server:ApiKey", line, StringComparison.Ordinal);
        Assert.Contains("--allow-remote-without-key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_interface_when_allowed_starts_and_says_so_in_its_log()
    {
        var port = FreePort();
        using var serve = Serve("--urls", $"http://0.0.0.0:{port}", "--allow-remote-without-key");
        var lines = new List<string>();
        void Note(string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }

        serve.OutputDataReceived += (_, e) => Note(e.Data);
        serve.ErrorDataReceived += (_, e) => Note(e.Data);
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpStatusCode? status = null;
            while (status is null && DateTime.UtcNow < deadline && !serve.HasExited)
            {
                try
                {
                    using var health = await http.GetAsync($"http://127.0.0.1:{port}/health");
                    status = health.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            string all;
            lock (lines)
            {
                all = string.Join("\n", lines);
            }

            Assert.True(status == HttpStatusCode.OK, $"the server did not answer: {all}");
            Assert.Contains($"http://0.0.0.0:{port} listens on every network interface", all, StringComparison.Ordinal);
            Assert.Contains("no Server:ApiKey", all, StringComparison.Ordinal);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }
}
