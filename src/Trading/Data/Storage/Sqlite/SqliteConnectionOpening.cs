using Microsoft.Data.Sqlite;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Opens a pooled connection of a store and applies its per-connection pragmas (synchronous, busy timeout),
/// which SQLite does not keep with the file.</summary>
internal static class SqliteConnectionOpening
{
    public static SqliteConnection Open(string connectionString, string pragmas)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
