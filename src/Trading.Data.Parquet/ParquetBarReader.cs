using System.Globalization;
using Parquet;
using Parquet.Schema;
using Trading.Data.Csv;

namespace Trading.Data.Parquet;

/// <summary>Reads Parquet files into a bar import, one row group at a time, each row checked as a CSV row is.</summary>
/// <remarks>
/// Times may be Parquet timestamps (adjusted to UTC: instants; not adjusted: the file zone's wall clock), dates,
/// strings read with the date format, or integers (epochs with <c>unix</c>/<c>unix_ms</c>, else yyyyMMdd). Prices and
/// volume may be double, float, decimal, any integer, or strings read as CSV fields are. Its own project, so that the
/// library does not carry Parquet.Net and its five compression packages.
/// </remarks>
public sealed class ParquetBarReader : IBarFileReader
{
    public static ParquetBarReader Instance { get; } = new();

    public bool Reads(string path, ReadOnlySpan<byte> start) =>
        start.StartsWith("PAR1"u8) || string.Equals(Path.GetExtension(path), ".parquet", StringComparison.OrdinalIgnoreCase);

    public async Task ReadAsync(string path, BarFileRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var stream = File.OpenRead(path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            rows.Problem(0, $"not a Parquet file ({Reason(e)})");
            return;
        }

        await using (reader.ConfigureAwait(false))
        {
            try
            {
                await ReadRowsAsync(reader, rows, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // A damaged page or a schema this reader cannot decode: one line, never a stack trace.
                rows.Problem(0, $"cannot be read as Parquet ({Reason(e)})");
            }
        }
    }

    private static async Task ReadRowsAsync(ParquetReader reader, BarFileRows rows, CancellationToken cancellationToken)
    {
        var fields = reader.Schema.GetDataFields();
        var columns = rows.FindColumns([.. fields.Select(f => f.Name)]);
        if (columns is null)
        {
            return;
        }

        var kinds = new Dictionary<int, ColumnKind>();
        foreach (var (role, index) in Roles(columns))
        {
            var kind = KindOf(fields[index], role);
            if (kind == ColumnKind.Unusable)
            {
                rows.Problem(0, $"the {role} column {fields[index].Name} holds {TypeName(fields[index])}; {Expected(role)}");
                return;
            }

            kinds[index] = kind;
        }

        long rowBase = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            if (group.RowCount < 0 || group.RowCount > Array.MaxLength)
            {
                rows.Problem(0, string.Create(CultureInfo.InvariantCulture, $"row group {g + 1} claims {group.RowCount:N0} rows"));
                return;
            }

            var count = (int)group.RowCount;
            var read = new Dictionary<int, Column>();
            foreach (var (index, kind) in kinds)
            {
                read[index] = await ReadColumnAsync(group, fields[index], kind, count, cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < count; i++)
            {
                var row = rowBase + i + 1;
                var unreadable = FirstProblem(read, i);
                if (unreadable is not null)
                {
                    rows.Problem(row, unreadable);
                    continue;
                }

                rows.Add(row, new BarFileValues(
                    read[columns.Date].Times![i],
                    read[columns.Open].Numbers![i],
                    read[columns.High].Numbers![i],
                    read[columns.Low].Numbers![i],
                    read[columns.Close].Numbers![i],
                    columns.Volume == BarColumns.None ? 0 : read[columns.Volume].Numbers![i],
                    columns.AdjClose == BarColumns.None ? null : read[columns.AdjClose].Numbers![i],
                    columns.Symbol == BarColumns.None ? null : read[columns.Symbol].Texts![i]));
            }

            rowBase += count;
        }
    }

    private static IEnumerable<(string Role, int Index)> Roles(BarColumns columns)
    {
        (string, int)[] all =
        [
            ("date", columns.Date), ("open", columns.Open), ("high", columns.High), ("low", columns.Low), ("close", columns.Close),
            ("volume", columns.Volume), ("adj_close", columns.AdjClose), ("symbol", columns.Symbol),
        ];
        return all.Where(r => r.Item2 != BarColumns.None);
    }

    private enum ColumnKind
    {
        Unusable,
        Instant,
        WallClock,
        Date,
        Integer,
        DateText,
        Text,
        Number,
        NumberText,
    }

    private static ColumnKind KindOf(DataField field, string role)
    {
        if (field.IsArray)
        {
            return ColumnKind.Unusable;
        }

        var type = field.ClrType;
        var text = type == typeof(string) || type == typeof(ReadOnlyMemory<char>);
        if (role == "symbol")
        {
            return text ? ColumnKind.Text : ColumnKind.Unusable;
        }

        if (role == "date")
        {
            return field switch
            {
                DateTimeDataField { DateTimeFormat: DateTimeFormat.Date } => ColumnKind.Date,
                DateTimeDataField { DateTimeFormat: DateTimeFormat.Timestamp, IsAdjustedToUTC: false } => ColumnKind.WallClock,
                DateTimeDataField => ColumnKind.Instant,
                _ when type == typeof(DateTime) => ColumnKind.Instant,
                _ when type == typeof(DateOnly) => ColumnKind.Date,
                _ when text => ColumnKind.DateText,
                _ when IsInteger(type) => ColumnKind.Integer,
                _ => ColumnKind.Unusable,
            };
        }

        return text ? ColumnKind.NumberText : IsInteger(type) || type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? ColumnKind.Number : ColumnKind.Unusable;
    }

    private static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong);

    /// <summary>One column of a row group as the import reads it.</summary>
    private sealed class Column
    {
        public double?[]? Numbers { get; init; }

        public BarFileTime[]? Times { get; init; }

        public string?[]? Texts { get; init; }

        /// <summary>Why a row's value cannot be read (a price string that is no number), else null.</summary>
        public string?[]? Problems { get; init; }
    }

    private static string? FirstProblem(Dictionary<int, Column> read, int i)
    {
        foreach (var column in read.Values)
        {
            if (column.Problems?[i] is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static async Task<Column> ReadColumnAsync(ParquetRowGroupReader group, DataField field, ColumnKind kind, int count, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case ColumnKind.Instant or ColumnKind.WallClock or ColumnKind.Date:
                {
                    var times = new BarFileTime[count];
                    if (field.ClrType == typeof(DateOnly))
                    {
                        var dates = await ReadAsync<DateOnly>(group, field, count, cancellationToken).ConfigureAwait(false);
                        for (var i = 0; i < count; i++)
                        {
                            times[i] = dates[i] is { } d ? BarFileTime.Date(d) : BarFileTime.Missing;
                        }

                        return new Column { Times = times };
                    }

                    var values = await ReadAsync<DateTime>(group, field, count, cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < count; i++)
                    {
                        times[i] = values[i] is not { } t ? BarFileTime.Missing
                            : kind == ColumnKind.Instant ? BarFileTime.Instant(t)
                            : kind == ColumnKind.WallClock ? BarFileTime.WallClock(t)
                            : BarFileTime.Date(DateOnly.FromDateTime(t));
                    }

                    return new Column { Times = times };
                }

            case ColumnKind.Integer:
                {
                    var numbers = await ReadNumbersAsync(group, field, count, cancellationToken).ConfigureAwait(false);
                    var times = new BarFileTime[count];
                    for (var i = 0; i < count; i++)
                    {
                        // Integers arrive as doubles; epoch milliseconds and yyyyMMdd both fit exactly below 2^53.
                        times[i] = numbers[i] is { } n ? BarFileTime.Epoch((long)n) : BarFileTime.Missing;
                    }

                    return new Column { Times = times };
                }

            case ColumnKind.Text:
                return new Column { Texts = await ReadTextsAsync(group, field, count, cancellationToken).ConfigureAwait(false) };

            case ColumnKind.DateText:
                {
                    var texts = await ReadTextsAsync(group, field, count, cancellationToken).ConfigureAwait(false);
                    var times = new BarFileTime[count];
                    for (var i = 0; i < count; i++)
                    {
                        times[i] = texts[i] is { } t ? BarFileTime.FromText(t) : BarFileTime.Missing;
                    }

                    return new Column { Times = times };
                }

            case ColumnKind.NumberText:
                {
                    var texts = await ReadTextsAsync(group, field, count, cancellationToken).ConfigureAwait(false);
                    var numbers = new double?[count];
                    string?[]? problems = null;
                    for (var i = 0; i < count; i++)
                    {
                        if (string.IsNullOrEmpty(texts[i]))
                        {
                            continue;
                        }

                        if (double.TryParse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                        {
                            numbers[i] = value;
                        }
                        else
                        {
                            problems ??= new string?[count];
                            problems[i] = $"{field.Name} '{(texts[i]!.Length > 40 ? texts[i]![..40] + "…" : texts[i])}' is not a number";
                        }
                    }

                    return new Column { Numbers = numbers, Problems = problems };
                }

            default:
                return new Column { Numbers = await ReadNumbersAsync(group, field, count, cancellationToken).ConfigureAwait(false) };
        }
    }

    private static async Task<string?[]> ReadTextsAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var texts = new string?[count];
        await group.ReadAsync(field, texts.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return texts;
    }

    private static async Task<double?[]> ReadNumbersAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        if (type == typeof(double))
        {
            return await ReadAsync<double>(group, field, count, cancellationToken).ConfigureAwait(false);
        }

        return type == typeof(float) ? Convert(await ReadAsync<float>(group, field, count, cancellationToken).ConfigureAwait(false), v => v)
            : type == typeof(decimal) ? Convert(await ReadAsync<decimal>(group, field, count, cancellationToken).ConfigureAwait(false), v => (double)v)
            : type == typeof(long) ? Convert(await ReadAsync<long>(group, field, count, cancellationToken).ConfigureAwait(false), v => v)
            : type == typeof(int) ? Convert(await ReadAsync<int>(group, field, count, cancellationToken).ConfigureAwait(false), v => v)
            : type == typeof(short) ? Convert(await ReadAsync<short>(group, field, count, cancellationToken).ConfigureAwait(false), v => v)
            : type == typeof(sbyte) ? Convert(await ReadAsync<sbyte>(group, field, count, cancellationToken).ConfigureAwait(false), v => v)
            : type == typeof(byte) ? Convert(await ReadAsync<byte>(group, field, count, cancellationToken).ConfigureAwait(false), v => v)
            : type == typeof(ushort) ? Convert(await ReadAsync<ushort>(group, field, count, cancellationToken).ConfigureAwait(false), v => v)
            : type == typeof(uint) ? Convert(await ReadAsync<uint>(group, field, count, cancellationToken).ConfigureAwait(false), v => v)
            : Convert(await ReadAsync<ulong>(group, field, count, cancellationToken).ConfigureAwait(false), v => v);
    }

    private static async Task<T?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[count];
        await group.ReadAsync<T>(field, values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return values;
    }

    private static double?[] Convert<T>(T?[] values, Func<T, double> convert)
        where T : struct
    {
        var numbers = new double?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            numbers[i] = values[i] is { } v ? convert(v) : null;
        }

        return numbers;
    }

    private static string TypeName(DataField field) => field.IsArray ? "lists" : field.ClrType == typeof(bool) ? "booleans" : field.ClrType.Name switch
    {
        "DateTime" or "DateOnly" => "dates",
        "TimeSpan" or "TimeOnly" => "times of day",
        "Byte[]" => "binary values",
        "String" or "ReadOnlyMemory`1" => "strings",
        var name => name,
    };

    private static string Expected(string role) => role switch
    {
        "date" => "dates are Parquet timestamps or dates, strings, or integers (epochs with --date-format unix or unix_ms, else yyyyMMdd)",
        "symbol" => "symbols are strings",
        _ => "prices and volume are numbers (double, float, decimal or integer) or strings of numbers",
    };

    private static string Reason(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        return message.Length > 120 ? message[..120] + "…" : message;
    }
}
