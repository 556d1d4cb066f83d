namespace Trading.Data.Storage.Postgres;

/// <summary>The PostgreSQL schema's history, oldest first. Append a migration to change the schema; never edit one.</summary>
/// <remarks>
/// <para>The same tables as the SQLite store, in PostgreSQL's own types: times are <c>timestamptz</c> (read back as
/// UTC), prices and volumes <c>double precision</c> (a double bit for bit, as SQLite's REAL), corporate action values
/// <c>numeric</c> (a decimal exactly, scale included).</para>
/// <para>Symbols and intervals compare with the "C" collation: byte order, the same on every server whatever its
/// locale, and the cheapest comparison for the primary keys every read and upsert walks.</para>
/// </remarks>
internal static class PostgresSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "bars, corporate actions and the series summary", """
            CREATE TABLE bars (
                symbol   text COLLATE "C" NOT NULL,
                interval text COLLATE "C" NOT NULL,
                time     timestamptz      NOT NULL,
                open     double precision NOT NULL,
                high     double precision NOT NULL,
                low      double precision NOT NULL,
                close    double precision NOT NULL,
                volume   double precision NOT NULL,
                PRIMARY KEY (symbol, interval, time)
            );

            CREATE TABLE corporate_actions (
                symbol  text COLLATE "C" NOT NULL,
                ex_date date             NOT NULL,
                kind    text COLLATE "C" NOT NULL CHECK (kind IN ('split', 'cash_dividend')),
                value   numeric          NOT NULL,
                PRIMARY KEY (symbol, ex_date, kind)
            );

            -- One row per series, kept up to date by each write, so that listing never walks the bars.
            CREATE TABLE series (
                symbol     text COLLATE "C" NOT NULL,
                interval   text COLLATE "C" NOT NULL,
                first_time timestamptz      NOT NULL,
                last_time  timestamptz      NOT NULL,
                bar_count  bigint           NOT NULL,
                PRIMARY KEY (symbol, interval)
            );
            """),
        new(2, "strategy settings", """
            -- The parameters a user configured per strategy (the HTTP configure_strategy route), as a JSON object of
            -- texts, so that they survive restarts like the bars do.
            CREATE TABLE strategy_settings (
                strategy   text COLLATE "C" NOT NULL PRIMARY KEY,
                parameters jsonb            NOT NULL,
                updated_at timestamptz      NOT NULL
            );
            """),
        new(3, "symbol versions", """
            -- A row per symbol counting the writes that touched its bars or actions, kept in the write's transaction
            -- (which also notifies listeners), so that a cache in another process can tell what changed while it was
            -- not listening.
            CREATE TABLE symbol_versions (
                symbol  text COLLATE "C" NOT NULL PRIMARY KEY,
                version bigint           NOT NULL
            );
            """),
    ];

    public static int LatestVersion { get; } = SchemaMigration.CheckSequence(Migrations);
}
