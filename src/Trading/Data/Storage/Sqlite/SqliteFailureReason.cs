using Microsoft.Data.Sqlite;

namespace Trading.Data.Storage.Sqlite;

/// <summary>What a SQLite error means to the person running the program, for every store sharing the file.</summary>
internal static class SqliteFailureReason
{
    public static string Of(SqliteException e) => e.SqliteErrorCode switch
    {
        26 => "the file is not a SQLite database",
        11 => "the database file is corrupt",
        14 => "the file cannot be opened (check the path and its permissions)",
        5 or 6 => "the database is locked by another connection or process",
        8 => "the database file is read-only",
        _ => e.Message,
    };
}
