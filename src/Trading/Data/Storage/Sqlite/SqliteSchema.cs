namespace Trading.Data.Storage.Sqlite;

/// <summary>The SQLite schema's history, oldest first. Append a migration to change the schema; never edit one.</summary>
/// <remarks>
/// Bar times are whole Unix seconds (UTC) and prices REAL, which holds a double bit for bit. Bars and actions are
/// WITHOUT ROWID tables clustered on their natural key, so a series is one contiguous range of the b-tree: a range
/// read is a single seek then a sequential walk, and an upsert needs no second index.
/// </remarks>
internal static class SqliteSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "bars and corporate actions", """
            CREATE TABLE bars (
                symbol   TEXT    NOT NULL,
                interval TEXT    NOT NULL,
                time     INTEGER NOT NULL,
                open     REAL    NOT NULL,
                high     REAL    NOT NULL,
                low      REAL    NOT NULL,
                close    REAL    NOT NULL,
                volume   REAL    NOT NULL,
                PRIMARY KEY (symbol, interval, time)
            ) WITHOUT ROWID;

            CREATE TABLE corporate_actions (
                symbol  TEXT NOT NULL,
                ex_date TEXT NOT NULL,
                kind    TEXT NOT NULL CHECK (kind IN ('split', 'cash_dividend')),
                value   TEXT NOT NULL,
                PRIMARY KEY (symbol, ex_date, kind)
            ) WITHOUT ROWID;
            """),

        // Listing by GROUP BY walks every bar (seconds at millions of bars); a row per series kept up to date by
        // each write makes the list instant. Existing bars are summarised once here.
        new(2, "series summary", """
            CREATE TABLE series (
                symbol     TEXT    NOT NULL,
                interval   TEXT    NOT NULL,
                first_time INTEGER NOT NULL,
                last_time  INTEGER NOT NULL,
                bar_count  INTEGER NOT NULL,
                PRIMARY KEY (symbol, interval)
            ) WITHOUT ROWID;

            INSERT INTO series (symbol, interval, first_time, last_time, bar_count)
            SELECT symbol, interval, min(time), max(time), count(*) FROM bars GROUP BY symbol, interval;
            """),

        // A row per symbol naming the last write that touched its bars or actions, kept in the write's transaction, so
        // that a cache in another process can ask which symbols changed since it last looked (version > seen). Writes
        // are serialised, so the numbers follow the order of the commits.
        new(3, "symbol versions", """
            CREATE TABLE symbol_versions (
                symbol  TEXT    NOT NULL PRIMARY KEY,
                version INTEGER NOT NULL
            ) WITHOUT ROWID;

            CREATE INDEX symbol_versions_by_version ON symbol_versions (version);
            """),
    ];

    public static int LatestVersion { get; } = SchemaMigration.CheckSequence(Migrations);
}
