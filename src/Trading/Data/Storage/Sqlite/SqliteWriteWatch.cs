using System.Globalization;
using Microsoft.Data.Sqlite;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Follows the writes to a SQLite file by every process: each poll asks <c>symbol_versions</c> for the rows
/// stamped after the last one it saw, on a connection it keeps open (an indexed read of a few rows, no lock held
/// between polls).</summary>
internal sealed class SqliteWriteWatch(Func<SqliteConnection> open, TimeSpan pollInterval, string databasePath) : IMarketDataWriteWatch
{
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _since;
    private long? _seen;
    private bool _disposed;

    public TimeSpan PollInterval => pollInterval;

    /// <summary>SQLite tells nobody of a write: only polls find them.</summary>
    public long Notices => 0;

    public ValueTask<MarketDataWrites> PollAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return ValueTask.FromResult(Poll());
            }
            catch (SqliteException e)
            {
                // Reopened by the next poll; what was written meanwhile is still above the number last seen.
                Close();
                return ValueTask.FromResult(MarketDataWrites.Lost($"the market data store '{databasePath}' cannot be read: {e.Message}"));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Close();
        }
    }

    private MarketDataWrites Poll()
    {
        if (_connection is null || _since is null)
        {
            _connection = open();
            _since = _connection.CreateCommand();
            _since.CommandText = "SELECT symbol, version FROM symbol_versions WHERE version > $seen;";
            _since.Parameters.Add("$seen", SqliteType.Integer);
        }

        if (_seen is not { } seen)
        {
            using var last = _connection.CreateCommand();
            last.CommandText = "SELECT coalesce(max(version), 0) FROM symbol_versions;";
            _seen = Convert.ToInt64(last.ExecuteScalar(), CultureInfo.InvariantCulture);
            return MarketDataWrites.Of([]);
        }

        _since.Parameters[0].Value = seen;
        List<Symbol>? written = null;
        using (var reader = _since.ExecuteReader())
        {
            while (reader.Read())
            {
                (written ??= []).Add(Symbol.Parse(reader.GetString(0)));
                seen = Math.Max(seen, reader.GetInt64(1));
            }
        }

        _seen = seen;
        return MarketDataWrites.Of(written ?? (IReadOnlyCollection<Symbol>)[]);
    }

    private void Close()
    {
        _since?.Dispose();
        _since = null;
        _connection?.Dispose();
        _connection = null;
    }
}
