using System.Text;
using Parquet.Schema;
using Trading.Data.Csv;
using Trading.Data.Parquet;
using Trading.Domain;

namespace Trading.Tests.Data.Parquet;

public sealed class ParquetBarReaderTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private readonly string _directory = Directory.CreateTempSubdirectory("trade-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private async Task<CsvImportResult> ImportAsync(string path, BarFileFormat? format = null, Interval? interval = null, CsvInvalidBarPolicy onInvalid = CsvInvalidBarPolicy.Refuse, CsvConflictPolicy onConflict = CsvConflictPolicy.Refuse)
    {
        var import = new CsvBarImport(interval ?? Interval.Daily)
        {
            Format = format ?? BarFileFormat.Default,
            Readers = [ParquetBarReader.Instance],
            OnInvalidBar = onInvalid,
            OnConflict = onConflict,
        };
        await import.AddFileAsync(path, Aapl);
        return import.Build();
    }

    /// <summary>Date, Open, High, Low, Close, Volume columns: dates as UTC timestamps, prices as nullable doubles.</summary>
    private async Task<string> OhlcvAsync(string name, DateTime[] dates, double?[][] rows, int rowGroupSize = int.MaxValue)
    {
        var path = PathOf(name);
        await ParquetFile.WriteAsync(
            path,
            [
                (new DateTimeDataField("Date", DateTimeFormat.Timestamp, isAdjustedToUTC: true), dates),
                (new DataField<double?>("Open"), rows.Select(r => r[0]).ToArray()),
                (new DataField<double?>("High"), rows.Select(r => r[1]).ToArray()),
                (new DataField<double?>("Low"), rows.Select(r => r[2]).ToArray()),
                (new DataField<double?>("Close"), rows.Select(r => r[3]).ToArray()),
                (new DataField<double?>("Volume"), rows.Select(r => r[4]).ToArray()),
            ],
            rowGroupSize);
        return path;
    }

    [Fact]
    public async Task A_parquet_file_of_timestamps_and_doubles_imports_the_bars_it_holds()
    {
        var path = await OhlcvAsync("aapl.parquet", [Utc(2020, 1, 3), Utc(2020, 1, 2)], [[2, 3, 1.5, 2.5, 200], [1, 2, 0.5, 1.5, 100]]);

        var result = await ImportAsync(path);

        Assert.True(result.Succeeded, result.Problems.FirstOrDefault()?.ToString());
        var bars = Assert.Single(result.Series);
        Assert.Equal(new Bar(Utc(2020, 1, 2), 1, 2, 0.5, 1.5, 100), bars[0]);
        Assert.Equal(new Bar(Utc(2020, 1, 3), 2, 3, 1.5, 2.5, 200), bars[1]);
        Assert.Equal(2, Assert.Single(result.Files).Rows);
    }

    public static TheoryData<CsvInvalidBarPolicy, CsvConflictPolicy> Policies => new()
    {
        { CsvInvalidBarPolicy.Refuse, CsvConflictPolicy.Refuse },
        { CsvInvalidBarPolicy.Skip, CsvConflictPolicy.KeepFirst },
        { CsvInvalidBarPolicy.Skip, CsvConflictPolicy.KeepLast },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Rows_at_the_edges_of_what_import_accepts_get_the_same_answers_as_the_same_rows_in_a_csv(CsvInvalidBarPolicy onInvalid, CsvConflictPolicy onConflict)
    {
        // A null row, a bar that breaks the rule, an identical repeat, a repeat with another volume, a good bar.
        DateTime[] dates = [Utc(2020, 1, 2), Utc(2020, 1, 3), Utc(2020, 1, 6), Utc(2020, 1, 6), Utc(2020, 1, 7), Utc(2020, 1, 7), Utc(2020, 1, 8)];
        double?[][] rows =
        [
            [null, null, null, null, null], [1, 2, 0.5, 2.5, 10], [1, 2, 1, 1.5, 10], [1, 2, 1, 1.5, 10], [1, 2, 1, 1.5, 10], [1, 2, 1, 1.5, 20], [1, 1, 1, 1, 0],
        ];
        var parquet = await OhlcvAsync("aapl.parquet", dates, rows);
        var csvText = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        for (var i = 0; i < dates.Length; i++)
        {
            csvText.Append($"{dates[i]:yyyy-MM-dd},{string.Join(",", rows[i].Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty))}\n");
        }

        var csv = PathOf("aapl.csv");
        await File.WriteAllTextAsync(csv, csvText.ToString());

        var fromParquet = await ImportAsync(parquet, onInvalid: onInvalid, onConflict: onConflict);
        var fromCsv = await ImportAsync(csv, onInvalid: onInvalid, onConflict: onConflict);

        Assert.Equal(fromCsv.Succeeded, fromParquet.Succeeded);
        // The same messages at the same rows (a CSV line is its row plus the header's), places aside.
        Assert.Equal(fromCsv.Problems.Select(p => p.Message.Split(" (also at")[0]), fromParquet.Problems.Select(p => p.Message.Split(" (also at")[0]));
        Assert.Equal(fromCsv.Problems.Select(p => p.Line - 1), fromParquet.Problems.Select(p => p.Line));
        Assert.Equal(fromCsv.DuplicateRowsSkipped, fromParquet.DuplicateRowsSkipped);
        Assert.Equal(fromCsv.Files[0].NullRowsSkipped, fromParquet.Files[0].NullRowsSkipped);
        Assert.Equal(fromCsv.Files[0].InvalidRowsSkipped, fromParquet.Files[0].InvalidRowsSkipped);
        Assert.Equal(fromCsv.Series.Select(Bars), fromParquet.Series.Select(Bars));
        Assert.Equal(1, fromParquet.Files[0].NullRowsSkipped);
        Assert.Equal(onInvalid == CsvInvalidBarPolicy.Refuse ? 2 : 0, fromParquet.ProblemCount);
    }

    [Fact]
    public async Task A_problem_names_the_file_and_its_row_counted_across_row_groups()
    {
        var path = await OhlcvAsync("aapl.parquet", [Utc(2020, 1, 2), Utc(2020, 1, 3), Utc(2020, 1, 6)], [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 2, 0.5, 2.5, 1]], rowGroupSize: 2);

        var result = await ImportAsync(path);

        Assert.Equal($"{path}: row 3: close 2.5 is above high 2", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task Mapped_columns_of_decimals_floats_and_integers_in_long_format_with_dates_import()
    {
        var path = PathOf("universe.parquet");
        await ParquetFile.WriteAsync(
            path,
            [
                (new DataField<string>("ticker"), new string?[] { "MSFT", "AAPL", "MSFT" }),
                (new DateTimeDataField("day", DateTimeFormat.Date), new[] { Utc(2020, 1, 2), Utc(2020, 1, 2), Utc(2020, 1, 3) }),
                (new DecimalDataField("o", 18, 4), new[] { 10.5m, 20m, 11m }),
                (new DataField<float>("h"), new[] { 11f, 21f, 12f }),
                (new DataField<int>("l"), new[] { 10, 19, 10 }),
                (new DataField<double>("px"), new[] { 10.75, 20.5, 11.5 }),
                (new DataField<long>("shares"), new[] { 1000L, 2000L, 3000L }),
            ]);

        var result = await ImportAsync(path, new BarFileFormat { Columns = ColumnMapping.Parse("symbol=ticker,date=day,open=o,high=h,low=l,close=px,volume=shares") });

        Assert.True(result.Succeeded, result.Problems.FirstOrDefault()?.ToString());
        Assert.Equal(["AAPL", "MSFT"], result.Series.Select(s => s.Symbol.Value));
        Assert.Equal(new Bar(Utc(2020, 1, 3), 11, 12, 10, 11.5, 3000), result.Series[1][1]);
    }

    [Fact]
    public async Task Timestamps_not_adjusted_to_utc_are_wall_clock_times_of_the_zone_and_a_skipped_hour_is_a_problem()
    {
        var path = PathOf("spy.parquet");
        DateTime[] times = [new(2024, 3, 8, 9, 30, 0), new(2024, 3, 11, 9, 30, 0)];
        await ParquetFile.WriteAsync(
            path,
            [
                (new DateTimeDataField("Datetime", DateTimeFormat.Timestamp, isAdjustedToUTC: false), times),
                (new DataField<double>("Open"), new[] { 1.0, 1 }), (new DataField<double>("High"), new[] { 1.0, 1 }),
                (new DataField<double>("Low"), new[] { 1.0, 1 }), (new DataField<double>("Close"), new[] { 1.0, 1 }),
                (new DataField<double>("Volume"), new[] { 1.0, 1 }),
            ]);

        var result = await ImportAsync(path, new BarFileFormat { TimeZone = "America/New_York" }, Interval.OneMinute);

        Assert.Equal([Utc(2024, 3, 8, 14, 30), Utc(2024, 3, 11, 13, 30)], Assert.Single(result.Series).Time.ToArray());

        var gap = PathOf("gap.parquet");
        await ParquetFile.WriteAsync(
            gap,
            [
                (new DateTimeDataField("Datetime", DateTimeFormat.Timestamp, isAdjustedToUTC: false), new[] { new DateTime(2024, 3, 10, 2, 30, 0) }),
                (new DataField<double>("Open"), new[] { 1.0 }), (new DataField<double>("High"), new[] { 1.0 }),
                (new DataField<double>("Low"), new[] { 1.0 }), (new DataField<double>("Close"), new[] { 1.0 }),
                (new DataField<double>("Volume"), new[] { 1.0 }),
            ]);
        Assert.Equal(
            $"{gap}: row 1: 2024-03-10 02:30 does not exist in America/New_York (the clocks went forward)",
            Assert.Single((await ImportAsync(gap, new BarFileFormat { TimeZone = "America/New_York" }, Interval.OneMinute)).Problems).ToString());
    }

    [Theory]
    [InlineData("dd/MM/yyyy", "02/01/2020")]
    [InlineData(null, "2020-01-02")]
    public async Task String_dates_read_with_the_date_format(string? format, string date)
    {
        var path = await WriteDatesAsync(new DataField<string>("Date"), new string?[] { date });

        var result = await ImportAsync(path, new BarFileFormat { DateFormat = format });

        Assert.Equal(Utc(2020, 1, 2), Assert.Single(result.Series)[0].Time);
    }

    [Theory]
    [InlineData(null, 20200102L)]
    [InlineData("unix_ms", 1577923200000L)]
    [InlineData("unix", 1577923200L)]
    public async Task Integer_dates_are_yyyymmdd_or_epochs_as_the_date_format_says(string? format, long value)
    {
        var path = await WriteDatesAsync(new DataField<long>("Date"), new[] { value });

        var result = await ImportAsync(path, new BarFileFormat { DateFormat = format });

        Assert.Equal(Utc(2020, 1, 2), Assert.Single(result.Series)[0].Time);
    }

    [Fact]
    public async Task An_epoch_without_its_date_format_says_which_to_give()
    {
        var path = await WriteDatesAsync(new DataField<long>("Date"), new[] { 1577923200000L });

        var result = await ImportAsync(path);

        Assert.Equal(
            $"{path}: row 1: '1577923200000' is not a date (expected yyyy-MM-dd or an ISO-8601 time); a date column of integers takes the date format unix, unix_ms or one like yyyyMMdd",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task A_price_column_of_the_wrong_type_is_one_problem_naming_it()
    {
        var path = PathOf("bad.parquet");
        await ParquetFile.WriteAsync(
            path,
            [
                (new DateTimeDataField("Date", DateTimeFormat.Date), new[] { Utc(2020, 1, 2) }),
                (new DataField<double>("Open"), new[] { 1.0 }), (new DataField<double>("High"), new[] { 1.0 }),
                (new DataField<double>("Low"), new[] { 1.0 }), (new DataField<bool>("Close"), new[] { true }),
                (new DataField<double>("Volume"), new[] { 1.0 }),
            ]);

        var result = await ImportAsync(path);

        Assert.Equal(
            $"{path}: the close column Close holds booleans; prices and volume are numbers (double, float, decimal or integer) or strings of numbers",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task Prices_written_as_strings_read_as_csv_fields_do_and_a_word_is_a_problem_at_its_row()
    {
        var path = PathOf("text.parquet");
        await ParquetFile.WriteAsync(
            path,
            [
                (new DataField<string>("Date"), new string?[] { "2020-01-02", "2020-01-03" }),
                (new DataField<string>("Open"), new string?[] { "1.5", "abc" }), (new DataField<string>("High"), new string?[] { "2", "2" }),
                (new DataField<string>("Low"), new string?[] { "1", "1" }), (new DataField<string>("Close"), new string?[] { "1.5", "1.5" }),
                (new DataField<string>("Volume"), new string?[] { "10", "10" }),
            ]);

        var result = await ImportAsync(path);

        Assert.Equal($"{path}: row 2: Open 'abc' is not a number", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task A_null_in_one_required_column_is_a_problem_and_nulls_in_every_price_a_day_without_data()
    {
        var path = await OhlcvAsync("aapl.parquet", [Utc(2020, 1, 2), Utc(2020, 1, 3), Utc(2020, 1, 6)], [[1, 1, 1, 1, 1], [null, null, null, null, 5], [1, 1, 1, null, 1]]);

        var result = await ImportAsync(path);

        Assert.Equal($"{path}: row 3: close is null", Assert.Single(result.Problems).ToString());
        Assert.Equal(1, result.Files[0].NullRowsSkipped);
    }

    [Fact]
    public async Task A_null_date_is_a_problem_at_its_row()
    {
        var path = await WriteDatesAsync(new DateTimeDataField("Date", DateTimeFormat.Timestamp, isAdjustedToUTC: true, isNullable: true), new DateTime?[] { null });

        Assert.Equal($"{path}: row 1: date is empty", Assert.Single((await ImportAsync(path)).Problems).ToString());
    }

    [Theory]
    [InlineData("Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,1,1\n")]
    [InlineData("PAR1")]
    [InlineData("PAR1 and then some bytes that are no footer at all PAR1")]
    [InlineData("")]
    public async Task A_file_named_parquet_that_is_not_one_is_one_clear_problem(string content)
    {
        var path = PathOf("prices.parquet");
        await File.WriteAllTextAsync(path, content);

        var problem = Assert.Single((await ImportAsync(path)).Problems);

        Assert.Equal(0, problem.Line);
        Assert.StartsWith($"{path}: not a Parquet file (", problem.ToString());
    }

    [Fact]
    public async Task A_parquet_file_is_known_by_its_first_bytes_whatever_its_name()
    {
        var path = await OhlcvAsync("aapl.dat", [Utc(2020, 1, 2)], [[1, 1, 1, 1, 1]]);

        Assert.True((await ImportAsync(path)).Succeeded);
    }

    private static Bar[] Bars(BarSeries series) => [.. Enumerable.Range(0, series.Count).Select(i => series[i])];

    private async Task<string> WriteDatesAsync(DataField date, Array values)
    {
        var path = PathOf("dates.parquet");
        var ones = Enumerable.Repeat(1.0, values.Length).ToArray();
        await ParquetFile.WriteAsync(
            path,
            [
                (date, values),
                (new DataField<double>("Open"), ones), (new DataField<double>("High"), ones), (new DataField<double>("Low"), ones),
                (new DataField<double>("Close"), ones), (new DataField<double>("Volume"), ones),
            ]);
        return path;
    }
}
