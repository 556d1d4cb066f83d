using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Trading.Server.Tests;

/// <summary><c>trade serve</c> in a process of its own on a free loopback port, configured by its command line and
/// <c>TRADE_</c> variables as a user would; killed on dispose.</summary>
internal sealed class TradeServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private TradeServeProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>A client of this server.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the server and returns once <c>/health</c> answers 200.</summary>
    public static async Task<TradeServeProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = TradeCommand.StartInfo(workingDirectory, environment, ["serve", "--urls", address.ToString().TrimEnd('/'), .. arguments]);
        var server = new TradeServeProcess(Process.Start(start)!, address);
        server._process.OutputDataReceived += (_, e) => server.Note(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Note(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var health = await server.Client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline || server._process.HasExited)
            {
                var output = server.Output();
                await server.DisposeAsync();
                throw new InvalidOperationException($"the server did not start: {output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Output()
    {
        lock (_output)
        {
            return string.Join("\n", _output);
        }
    }

    /// <summary>Stops the server as Ctrl+C or a service manager does (SIGTERM, so POSIX systems only) and waits for it
    /// to exit; its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Note(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
