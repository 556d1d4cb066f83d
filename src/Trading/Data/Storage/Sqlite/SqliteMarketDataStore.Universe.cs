using System.Globalization;
using Microsoft.Data.Sqlite;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

public sealed partial class SqliteMarketDataStore
{
    /// <summary>Above this many bars a series is read for its range only, not kept whole as a column file.</summary>
    private const int LargestKeptSeries = 5_000_000;

    /// <summary>The bars of <paramref name="symbols"/> between <paramref name="from"/> and <paramref name="to"/>
    /// (an empty series for a symbol with none) and all their corporate actions, read in one read transaction: one
    /// state of the store even while another process writes, never half of its write. Whole series come from the
    /// column files beside the database when those hold the version read (<see cref="BarColumnFiles"/>), else from
    /// the database, and are kept there for the next reader.</summary>
    public Task<StoredUniverse> ReadUniverseAsync(IReadOnlyList<Symbol> symbols, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: true);
            var shapes = Shapes(connection, transaction, interval);
            var series = new List<BarSeries>(symbols.Count);
            foreach (var symbol in symbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                series.Add(shapes.TryGetValue(symbol, out var shape)
                    ? ReadKept(connection, symbol, interval, shape.Version, shape.Shape, from, to, cancellationToken)
                    : BarSeries.Empty(symbol, interval));
            }

            var actions = ReadActions(connection, transaction, [.. symbols]);
            transaction.Commit();
            return Task.FromResult(new StoredUniverse(series, actions));
        }
        catch (SqliteException e)
        {
            throw Failure($"could not read the {interval} bars of {symbols.Count} symbols", e);
        }
    }

    private BarSeries ReadKept(SqliteConnection connection, Symbol symbol, Interval interval, long version, SeriesShape shape, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        if (shape.Count > LargestKeptSeries)
        {
            return ReadBars(connection, symbol, interval, from, to, cancellationToken);
        }

        // A kept series keeps the bar rule (only such are kept), so it needs no second look.
        var whole = _columns.TryRead(symbol, interval, version, shape);
        var checkedWhole = whole is not null;
        if (whole is null)
        {
            var columns = new BarSeriesBuilder(shape.Count);
            BarRangeQuery.ReadInto(connection, symbol, interval, long.MinValue, long.MaxValue, columns, cancellationToken);
            whole = columns.Count == 0 ? BarSeries.Empty(symbol, interval) : columns.ToSeries(symbol, interval);

            // Only a series that agrees with its summary and keeps the bar rule is kept: anything else is read (and
            // refused, for the bars asked for) from the database every time, as before there were column files.
            var agrees = whole.Count == shape.Count && !whole.IsEmpty
                && StoredTime.FromBarTime(whole.FirstTime, symbol, interval) == shape.FirstTime
                && StoredTime.FromBarTime(whole.LastTime, symbol, interval) == shape.LastTime;
            checkedWhole = BarRule.FirstProblem(whole) is null;
            if (agrees && checkedWhole)
            {
                _columns.TryWrite(whole, version);
            }
        }

        var asked = whole.Between(from, to);
        return asked.IsEmpty ? BarSeries.Empty(symbol, interval) : checkedWhole ? asked : InvalidStoredBarException.ThrowIfAny(asked);
    }

    /// <summary>Every series of <paramref name="interval"/> with its summary and its symbol's write version.</summary>
    private static Dictionary<Symbol, (SeriesShape Shape, long Version)> Shapes(SqliteConnection connection, SqliteTransaction transaction, Interval interval)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT s.symbol, s.bar_count, s.first_time, s.last_time, coalesce(v.version, 0)
            FROM series s LEFT JOIN symbol_versions v ON v.symbol = s.symbol
            WHERE s.interval = $interval;
            """;
        command.Parameters.AddWithValue("$interval", interval.Code);
        using var reader = command.ExecuteReader();
        var shapes = new Dictionary<Symbol, (SeriesShape, long)>();
        while (reader.Read())
        {
            if (Symbol.TryParse(reader.GetString(0), out var symbol, out _))
            {
                shapes[symbol] = (new SeriesShape((int)Math.Min(reader.GetInt64(1), int.MaxValue), reader.GetInt64(2), reader.GetInt64(3)), reader.GetInt64(4));
            }
        }

        return shapes;
    }

    private static List<CorporateAction> ReadActions(SqliteConnection connection, SqliteTransaction transaction, HashSet<Symbol> symbols)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT symbol, ex_date, kind, value FROM corporate_actions ORDER BY symbol, ex_date, kind;";
        using var reader = command.ExecuteReader();
        var actions = new List<CorporateAction>();
        while (reader.Read())
        {
            if (Symbol.TryParse(reader.GetString(0), out var symbol, out _) && symbols.Contains(symbol))
            {
                actions.Add(new CorporateAction(
                    symbol,
                    DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    StoredActionKind.Parse(reader.GetString(2)),
                    decimal.Parse(reader.GetString(3), NumberStyles.Number, CultureInfo.InvariantCulture)));
            }
        }

        return actions;
    }
}
