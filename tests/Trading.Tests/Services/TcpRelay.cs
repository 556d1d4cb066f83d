using System.Net;
using System.Net.Sockets;

namespace Trading.Tests.Services;

/// <summary>Forwards connections from a loopback port to a real server, and can cut them: the server "goes down"
/// for the clients behind the relay (connections reset, new ones refused) while it keeps running for every other
/// test, then "comes back" on the same port.</summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();
    private long _cutAfterBytes = long.MaxValue;
    private long _forwardedBytes;

    public TcpRelay(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        Port = Listen(0);
    }

    /// <summary>The loopback port clients connect to; it stays the same across <see cref="Cut"/> and <see cref="Restore"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Closes every relayed connection and stops listening: clients see a reset, then "connection refused".</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _running.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
            {
                // A reset rather than a polite close, as when a server dies. A pump whose other side just closed may
                // be disposing this connection at the same moment; then there is nothing left to reset.
                try
                {
                    if (connection.Client is { } socket)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                    }
                }
                catch (ObjectDisposedException)
                {
                }

                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    /// <summary>Cuts the relay once clients have sent <paramref name="bytes"/> more bytes towards the server: a way to
    /// lose the connection in the middle of a long request, at a point that does not depend on timing.</summary>
    public void CutAfterSending(long bytes)
    {
        Interlocked.Exchange(ref _forwardedBytes, 0);
        Interlocked.Exchange(ref _cutAfterBytes, bytes);
    }

    /// <summary>Listens again on the same port.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            Interlocked.Exchange(ref _cutAfterBytes, long.MaxValue);
            _running = new CancellationTokenSource();
            Listen(Port);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener, _running.Token);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target, stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                if (stop.IsCancellationRequested)
                {
                    client.Dispose();
                    server.Dispose();
                    return;
                }

                _connections.Add(client);
                _connections.Add(server);
            }

            _ = PumpAsync(client, server, towardsServer: true, stop);
            _ = PumpAsync(server, client, towardsServer: false, stop);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool towardsServer, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, stop)) > 0)
            {
                if (towardsServer && Interlocked.Add(ref _forwardedBytes, read) > Volatile.Read(ref _cutAfterBytes))
                {
                    Cut();
                    return;
                }

                await sink.WriteAsync(buffer.AsMemory(0, read), stop);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
        {
            // The other side closed, or the relay was cut: either way this direction is over.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
