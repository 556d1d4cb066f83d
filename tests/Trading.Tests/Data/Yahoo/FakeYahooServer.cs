using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Trading.Tests.Data.Yahoo;

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 and an ephemeral port that answers as a test script says.</summary>
/// <remarks>
/// Built on TcpListener rather than HttpListener so that port 0 gives a free port with no race, and so that a test
/// can hold an answer back (timeouts), cut it off, or refuse connections for a while. One request per connection
/// (Connection: close).
/// </remarks>
internal sealed class FakeYahooServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly int _port;
    private readonly Func<ServedRequest, FakeResponse> _respond;
    private readonly ConcurrentQueue<ServedRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private TcpListener? _listener;
    private int _count;

    private FakeYahooServer(Func<ServedRequest, FakeResponse> respond)
    {
        _respond = respond;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _listener = listener;
        _port = ((IPEndPoint)listener.LocalEndpoint).Port;
        BaseAddress = new Uri($"http://127.0.0.1:{_port}");
        _loops.Add(Task.Run(() => AcceptLoopAsync(listener)));
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<ServedRequest> Requests => [.. _requests];

    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>Answers request n (1-based) with <paramref name="respond"/>(request).</summary>
    public static FakeYahooServer Start(Func<ServedRequest, FakeResponse> respond) => new(respond);

    /// <summary>Answers every request with the same response.</summary>
    public static FakeYahooServer Always(FakeResponse response) => new(_ => response);

    /// <summary>Answers the requests in turn with the responses given, repeating the last one.</summary>
    public static FakeYahooServer InTurn(params FakeResponse[] responses) =>
        new(r => responses[Math.Min(r.Number, responses.Length) - 1]);

    /// <summary>Stops listening: connections are refused until <see cref="Listen"/>.</summary>
    public void Refuse()
    {
        lock (_lock)
        {
            _listener?.Stop();
            _listener = null;
        }
    }

    /// <summary>Listens again on the same port after <see cref="Refuse"/>.</summary>
    public void Listen()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return;
            }

            _listener = new TcpListener(IPAddress.Loopback, _port);
            _listener.Start();
            var listener = _listener;
            _loops.Add(Task.Run(() => AcceptLoopAsync(listener)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Refuse();
        foreach (var loop in _loops)
        {
            try
            {
                await loop;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopping the listener ends the accept loop with one of these.
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException && !_stop.IsCancellationRequested)
            {
                // Refused: this listener is stopped; Listen starts another.
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                if (head is null)
                {
                    return;
                }

                var request = Parse(head, Interlocked.Increment(ref _count));
                _requests.Enqueue(request);
                var response = _respond(request);
                if (response.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(response.Delay, _stop.Token);
                }

                if (response.HangUp)
                {
                    // Closed without a word: the client sees the connection lost.
                    return;
                }

                var body = Encoding.UTF8.GetBytes(response.Body);
                var text = new StringBuilder();
                text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
                text.Append("Content-Type: application/json;charset=utf-8\r\n");
                text.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
                text.Append("Connection: close\r\n");
                foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                }

                text.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client gave up (a timeout under test) or the server is stopping.
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length));
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..end];
            }
        }

        return null;
    }

    private static ServedRequest Parse(string head, int number)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new ServedRequest(number, requestLine[0], requestLine[1], headers, DateTime.UtcNow);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}

/// <summary>What the fake server saw: the request number (1-based), method, path with query, headers, arrival.</summary>
internal sealed record ServedRequest(
    int Number,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    DateTime ArrivedUtc)
{
    public string Path => PathAndQuery.Split('?')[0];

    public IReadOnlyDictionary<string, string> Query => PathAndQuery.Contains('?', StringComparison.Ordinal)
        ? PathAndQuery.Split('?', 2)[1].Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty)
        : new Dictionary<string, string>();
}

/// <summary>An answer of the fake server; <see cref="HangUp"/> closes the connection instead of answering.</summary>
internal sealed record FakeResponse(int Status, string Body, TimeSpan Delay = default, IReadOnlyDictionary<string, string>? Headers = null, bool HangUp = false)
{
    public static FakeResponse ConnectionLost { get; } = new(0, string.Empty, HangUp: true);

    public static FakeResponse Fixture(string name) => new(200, File.ReadAllText(FixturePath(name)));

    public static FakeResponse Error(int status, string body = "") => new(status, body);

    public static string FixturePath(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "yahoo", name);
}
