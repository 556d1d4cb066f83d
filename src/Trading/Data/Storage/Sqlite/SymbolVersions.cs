using Microsoft.Data.Sqlite;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>The <c>symbol_versions</c> table: each write numbers itself past the last write and stamps the symbols it
/// touched with that number, in its own transaction, so a reader that saw number n asks for the rows above n.</summary>
internal static class SymbolVersions
{
    public static void Bump(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<Symbol> symbols)
    {
        if (symbols.Count == 0)
        {
            return;
        }

        long version;
        using (var next = connection.CreateCommand())
        {
            // The write holds SQLite's write lock, so no other write can take the same number. The number is the
            // clock's microseconds when those are higher than the last one: a database restored from a backup, or
            // deleted and made again, never numbers a write as one a reader saw before (a column file, a cache).
            next.Transaction = transaction;
            next.CommandText = "SELECT max(coalesce(max(version), 0) + 1, $now) FROM symbol_versions;";
            next.Parameters.AddWithValue("$now", (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);
            version = (long)next.ExecuteScalar()!;
        }

        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO symbol_versions (symbol, version) VALUES ($symbol, $version)
            ON CONFLICT (symbol) DO UPDATE SET version = excluded.version;
            """;
        var pSymbol = upsert.Parameters.Add("$symbol", SqliteType.Text);
        upsert.Parameters.AddWithValue("$version", version);
        upsert.Prepare();
        foreach (var symbol in symbols)
        {
            pSymbol.Value = symbol.Value;
            upsert.ExecuteNonQuery();
        }
    }
}
