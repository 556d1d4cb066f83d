using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Trading.Domain;

namespace Trading.Data.Storage.Postgres;

/// <summary>Follows the writes to a PostgreSQL schema by every process: a connection of its own LISTENs to the
/// schema's channel, on which each committed write names the symbols it touched (<see cref="SymbolVersions"/>).</summary>
/// <remarks>
/// <para>The first poll connects, and waits for it. A lost connection is noticed when its wait fails; polls then
/// answer "lost" (a cache reads from the store) while the watch reconnects in the background, at most once a second.
/// Each (re)connect LISTENs first, then reads <c>symbol_versions</c> and reports every symbol whose version moved past
/// what the watch last heard, so a write made while nobody listened is not missed.</para>
/// <para>What is left: the time PostgreSQL takes to deliver a notice after the commit (well under a millisecond on
/// one host), and a connection cut without either end noticing, which a keepalive query every
/// <see cref="KeepAliveSeconds"/> seconds of silence brings to light.</para>
/// </remarks>
internal sealed class PostgresWriteWatch : IMarketDataWriteWatch
{
    private const int KeepAliveSeconds = 10;
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, Task> _ensureSchema;
    private readonly string _connectionString;
    private readonly string _server;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Symbol> _pending = [];
    private readonly Dictionary<string, long> _heard = new(StringComparer.Ordinal);
    private Task? _firstAttempt;
    private bool _connectedBefore;
    private bool _connecting;
    private bool _listening;
    private long _notices;
    private long _retryAt;
    private string _reason = "not connected yet";
    private int? _processId;

    public PostgresWriteWatch(Func<CancellationToken, Task> ensureSchema, string connectionString, string server)
    {
        _ensureSchema = ensureSchema;
        _server = server;

        // A connection of its own, never pooled (LISTEN belongs to the session), with a keepalive while it waits.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Multiplexing = false,
            KeepAlive = KeepAliveSeconds,
        }.ToString();
    }

    public TimeSpan PollInterval => Timeout.InfiniteTimeSpan;

    public long Notices => Volatile.Read(ref _notices);

    /// <summary>The server process of the listening connection, for tests that cut it; null while not listening.</summary>
    internal int? ListenerProcessId
    {
        get
        {
            lock (_gate)
            {
                return _processId;
            }
        }
    }

    public async ValueTask<MarketDataWrites> PollAsync(CancellationToken cancellationToken)
    {
        Task first;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            if (_firstAttempt is null)
            {
                _connecting = true;
                _firstAttempt = Task.Run(ConnectAsync, CancellationToken.None);
            }

            first = _firstAttempt;
        }

        // Only the first connect is waited for, so that a cache starts cached; it never throws.
        await first.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_listening)
            {
                Symbol[] written = [.. _pending];
                _pending.Clear();
                return MarketDataWrites.Of(written, _notices);
            }

            if (!_connecting && Stopwatch.GetTimestamp() >= _retryAt)
            {
                _connecting = true;
                _ = Task.Run(ConnectAsync, CancellationToken.None);
            }

            return MarketDataWrites.Lost(_reason, _notices);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_stop.IsCancellationRequested)
            {
                _stop.Cancel();
            }
        }
    }

    private async Task ConnectAsync()
    {
        NpgsqlConnection? connection = null;
        try
        {
            await _ensureSchema(_stop.Token).ConfigureAwait(false);
            connection = new NpgsqlConnection(_connectionString);
            connection.Notification += OnNotice;
            await connection.OpenAsync(_stop.Token).ConfigureAwait(false);
            string channel;
            await using (var name = new NpgsqlCommand($"SELECT {SymbolVersions.ChannelSql};", connection))
            {
                channel = (string)(await name.ExecuteScalarAsync(_stop.Token).ConfigureAwait(false))!;
            }

            // LISTEN before reading the versions: a write that commits in between is in one or the other.
            await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\";", connection))
            {
                await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
            }

            var versions = await SymbolVersions.ReadAsync(connection, _stop.Token).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var (name, version) in versions)
                {
                    if (Hear(name, version) && _connectedBefore)
                    {
                        _pending.Add(Symbol.Parse(name));
                    }
                }

                _connectedBefore = true;
                _listening = true;
                _connecting = false;
                _processId = connection.ProcessID;
                _notices++;
            }

            _ = ListenAsync(connection);
        }
        catch (Exception e)
        {
            // Anything at all: this runs unobserved, and a watch that cannot listen says so to its polls.
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            Lose($"cannot listen for writes to the market data store ({_server}): {e.Message}", RetryInterval);
        }
    }

    private async Task ListenAsync(NpgsqlConnection connection)
    {
        try
        {
            while (true)
            {
                await connection.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            Lose($"lost the connection that listens for writes to the market data store ({_server}): {e.Message}", TimeSpan.Zero);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A notice of a committed write: <c>SYMBOL=version</c> pairs separated by spaces.</summary>
    private void OnNotice(object? sender, NpgsqlNotificationEventArgs notice)
    {
        lock (_gate)
        {
            foreach (var pair in notice.Payload.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.LastIndexOf('=');
                if (equals > 0 &&
                    long.TryParse(pair.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) &&
                    Symbol.TryParse(pair[..equals], out var symbol))
                {
                    Hear(symbol.Value, version);
                    _pending.Add(symbol);
                }
            }

            _notices++;
        }
    }

    /// <summary>Records a symbol's version; true when it is newer than the one last heard.</summary>
    private bool Hear(string symbol, long version)
    {
        if (_heard.TryGetValue(symbol, out var heard) && heard >= version)
        {
            return false;
        }

        _heard[symbol] = version;
        return true;
    }

    private void Lose(string reason, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _listening = false;
            _connecting = false;
            _processId = null;
            _reason = reason;
            _retryAt = Stopwatch.GetTimestamp() + (long)(retryAfter.TotalSeconds * Stopwatch.Frequency);
            _notices++;
        }
    }
}
