using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>The real server (<c>trade serve</c>) in its own process, answering the original's README examples, run
/// with curl exactly as written there apart from the port.</summary>
public sealed class OriginalCurlExamplesTests : IAsyncLifetime
{
    private readonly TemporaryDatabase _database = new();
    private readonly int _port = FreePort();
    private Process? _server;
    private readonly List<string> _serverOutput = [];

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _database.Directory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "trade.dll"), "serve", "--urls", $"http://127.0.0.1:{_port}", "--db", _database.Path })
        {
            start.ArgumentList.Add(arg);
        }

        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, e) => Note(e.Data);
        _server.ErrorDataReceived += (_, e) => Note(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var health = await http.GetAsync($"http://127.0.0.1:{_port}/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_server.HasExited)
            {
                await Task.Delay(100);
                continue;
            }

            throw new InvalidOperationException($"the server did not start: {string.Join("\n", Output())}");
        }
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        _database.Dispose();
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task The_original_examples_answer_in_the_original_shapes()
    {
        Skip.IfNot(File.Exists("/usr/bin/curl") && File.Exists("/bin/bash"), "needs /usr/bin/curl and /bin/bash");

        var stock = await Curl("""
            curl -X GET "http://localhost:8000/api/v1/data/stock/AAPL?start_date=2023-01-02&end_date=2023-04-09&interval=1d"
            """);
        Assert.Equal("AAPL", stock.GetProperty("symbol").GetString());
        var points = stock.GetProperty("data_points").EnumerateArray().ToArray();
        Assert.True(points.Length > 60, $"{points.Length} bars");
        Assert.Equal(["date", "open", "high", "low", "close", "volume"], points[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("2023-01-03", points[0].GetProperty("date").GetString());

        var batch = await Curl("""
            curl -X POST http://localhost:8000/api/v1/data/batch \
            -H "Content-Type: application/json" \
            -d '{
            "symbols": ["AAPL", "GOOGL", "MSFT"],
            "start_date": "2023-01-01",
            "end_date": "2023-12-30",
            "interval": "1d"
            }'
            """);
        Assert.Equal(["AAPL", "GOOGL", "MSFT"], batch.GetProperty("stock_data").EnumerateObject().Select(p => p.Name));
        Assert.Empty(batch.GetProperty("errors").EnumerateObject());
        Assert.Equal("2023-12-29", batch.GetProperty("stock_data").GetProperty("MSFT").GetProperty("data_points").EnumerateArray().Last().GetProperty("date").GetString());

        var parameters = await Curl("""
            curl -X GET http://localhost:8000/api/v1/strategy/strategy_parameters/momentum 
            """);
        var configured = await Curl("""
            curl -X POST http://localhost:8000/api/v1/strategy/configure_strategy/momentum \
            -H "Content-Type: application/json" \
            -d '{
            "lookback_period": 120,
            "top_percentage": 0.3
            }'
            """);
        Assert.Equal(JsonValueKind.Number, parameters.GetProperty("lookback_period").ValueKind);
        Assert.Equal(90, parameters.GetProperty("lookback_period").GetInt32());
        Assert.Equal(120, configured.GetProperty("lookback_period").GetInt32());
        Assert.Equal(0.3m, configured.GetProperty("top_percentage").GetDecimal());
        var after = await Curl("curl -X GET http://localhost:8000/api/v1/strategy/strategy_parameters/momentum");
        Assert.Equal(120, after.GetProperty("lookback_period").GetInt32());

        var signals = await Curl("""
            curl --location http://localhost:8000/api/v1/strategy/generate_signals \
            --header 'Content-Type: application/json' \
            --data '{
            "symbols": ["AAPL", "GOOGL", "MSFT"],
            "start_date": "2023-01-01",
            "end_date": "2023-12-31",
            "interval": "1d",
            "market_index": "^GSPC"
            }'

            """);
        var list = signals.GetProperty("signals").EnumerateArray().ToArray();
        Assert.Equal(["AAPL", "GOOGL", "MSFT"], list.Select(s => s.GetProperty("symbol").GetString()).Order(StringComparer.Ordinal));
        Assert.All(list, s => Assert.Contains(s.GetProperty("signal").GetString(), new[] { "BUY", "HOLD", "SELL" }));
        Assert.All(list, s => Assert.True(s.TryGetProperty("risk_unit", out _) && s.TryGetProperty("momentum_score", out _) && s.TryGetProperty("current_price", out _), s.ToString()));
        // top_percentage 0.3 as configured above: the top of three is one.
        Assert.Equal(1, signals.GetProperty("top_count").GetInt32());
        Assert.Equal("2023-12-29", signals.GetProperty("as_of").GetString());
        Assert.Contains("^GSPC", signals.GetProperty("market_regime").GetString(), StringComparison.Ordinal);

        // The same two examples against a registered strategy: some parameters set, stored, and read back.
        var smaConfigured = await Curl("""
            curl -X POST http://localhost:8000/api/v1/strategy/configure_strategy/sma_cross \
            -H "Content-Type: application/json" \
            -d '{
            "fast": 12,
            "allocation": 0.5
            }'
            """);
        Assert.Equal(12, smaConfigured.GetProperty("fast").GetInt32());
        Assert.Equal(30, smaConfigured.GetProperty("slow").GetInt32());
        var smaParameters = await Curl("curl -X GET http://localhost:8000/api/v1/strategy/strategy_parameters/sma_cross");
        Assert.Equal(12, smaParameters.GetProperty("fast").GetInt32());
        Assert.Equal(0.5m, smaParameters.GetProperty("allocation").GetDecimal());
    }

    /// <summary>Runs one README example through bash, on this test's port, and parses what curl printed.</summary>
    private async Task<JsonElement> Curl(string example)
    {
        // The example as written (the last one ends in a blank line), with curl told to print only the answer.
        var command = example.Replace("localhost:8000", $"localhost:{_port}", StringComparison.Ordinal);
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command.Replace("curl ", "/usr/bin/curl --silent --show-error ", StringComparison.Ordinal));
        using var curl = Process.Start(start)!;
        var output = curl.StandardOutput.ReadToEndAsync();
        var error = curl.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await curl.WaitForExitAsync(timeout.Token);
        Assert.True(curl.ExitCode == 0, $"curl exited {curl.ExitCode}: {await error}\n{command}\nserver:\n{string.Join("\n", Output())}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private void Note(string? line)
    {
        if (line is not null)
        {
            lock (_serverOutput)
            {
                _serverOutput.Add(line);
            }
        }
    }

    private string[] Output()
    {
        lock (_serverOutput)
        {
            return [.. _serverOutput];
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
