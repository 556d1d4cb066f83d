using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Trading.Data.Storage.Postgres;

/// <summary>Failures: what the driver throws, told apart into "the server said no" and "the server is not there"
/// (<see cref="MarketDataStoreUnavailableException"/>), with where the server is and never a password.</summary>
public sealed partial class PostgresMarketDataStore
{
    /// <summary>What Npgsql throws when the server or the network fails (timeouts and socket errors included);
    /// cancellations and this program's own argument checks pass through untouched.</summary>
    private static bool IsDriverFailure(Exception e) =>
        e is NpgsqlException or IOException or SocketException or TimeoutException;

    /// <param name="store">What the message calls the failing store: the journal shares this database's pool.</param>
    private MarketDataStoreException Failure(string what, Exception e, string store = "market data store")
    {
        if (e is PostgresException { SqlState: PostgresErrorCodes.InvalidSchemaName })
        {
            // PostgreSQL's own words ("no schema has been selected to create in") do not say which schema or what to do.
            var path = string.IsNullOrWhiteSpace(_searchPath) ? "\"$user\", public" : _searchPath;
            return new MarketDataStoreException(
                $"The {store} ({Server}) {what}: no schema of its search path ({path}) exists in the database, and this program " +
                "does not create one; create it (CREATE SCHEMA ...) or set Search Path in the connection string to one that exists.", e);
        }

        if (e is PostgresException server && !MeansUnavailable(server))
        {
            return new MarketDataStoreException(
                $"The {store} ({Server}) {what}: {server.MessageText} (SQLSTATE {server.SqlState}).", e);
        }

        // The pool may hold connections to a server that went away; drop them so the next call connects afresh.
        _dataSource.Clear();
        return new MarketDataStoreUnavailableException(
            $"The {store} ({Server}) is unavailable and {what}: {Innermost(e).Message}", e);
    }

    /// <summary>Server errors that say "not now" rather than "not this": connection failures (class 08), the server
    /// shutting down or starting up, too many connections.</summary>
    private static bool MeansUnavailable(PostgresException e) =>
        e.SqlState.StartsWith("08", StringComparison.Ordinal) ||
        e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or
            PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;

    private static Exception Innermost(Exception e)
    {
        // Npgsql wraps the socket's error ("Connection refused") in one or two layers of its own.
        while (e.InnerException is { } inner && e is NpgsqlException && e is not PostgresException)
        {
            e = inner;
        }

        return e;
    }

    private static string Describe(NpgsqlConnectionStringBuilder settings)
    {
        var host = string.IsNullOrEmpty(settings.Host) ? "localhost" : settings.Host;
        var text = string.Create(CultureInfo.InvariantCulture, $"PostgreSQL at {host}:{settings.Port}");
        if (!string.IsNullOrEmpty(settings.Database))
        {
            text += $", database {settings.Database}";
        }

        if (!string.IsNullOrEmpty(settings.SearchPath))
        {
            text += $", schema {settings.SearchPath}";
        }

        return text;
    }
}
