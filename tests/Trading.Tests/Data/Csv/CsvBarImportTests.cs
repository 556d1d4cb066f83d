using System.Text;
using Trading.Data.Csv;
using Trading.Domain;

namespace Trading.Tests.Data.Csv;

public class CsvBarImportTests
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private static CsvImportResult Import(string content, string source = "prices.csv", Interval? interval = null)
    {
        var import = new CsvBarImport(interval ?? Interval.Daily);
        import.Add(Encoding.UTF8.GetBytes(content), source, Aapl);
        return import.Build();
    }

    [Fact]
    public void Yahoo_layout_imports_open_high_low_close_and_volume_and_ignores_adj_close()
    {
        var result = Import("""
            Date,Open,High,Low,Close,Adj Close,Volume
            1995-01-03,2.179012,2.191358,2.117284,2.117284,1.883304,36301200
            1995-01-04,2.123457,2.148148,2.092592,2.135803,1.899776,46051600
            """);

        Assert.True(result.Succeeded);
        var bars = Assert.Single(result.Series);
        Assert.Equal(2, bars.Count);
        Assert.Equal(new Bar(new DateTime(1995, 1, 3, 0, 0, 0, DateTimeKind.Utc), 2.179012, 2.191358, 2.117284, 2.117284, 36301200), bars[0]);
        Assert.Equal(2.135803, bars[1].Close);
        Assert.Equal(DateTimeKind.Utc, bars[0].Time.Kind);
    }

    [Fact]
    public void Plain_ohlcv_with_extra_columns_in_another_order_is_read_by_header_names()
    {
        var result = Import("""
            volume;close;low;high;open;date;openinterest
            100;10.5;9.5;11;10;2006-01-02;7
            """);

        var bar = Assert.Single(result.Series)[0];
        Assert.Equal(new Bar(new DateTime(2006, 1, 2, 0, 0, 0, DateTimeKind.Utc), 10, 11, 9.5, 10.5, 100), bar);
    }

    [Fact]
    public void A_file_without_header_is_read_as_date_open_high_low_close_volume()
    {
        var result = Import("2006-01-02,10,11,9,10.5,1000\r\n2006-01-03,10.5,12,10,11,2000\r\n");

        var bars = Assert.Single(result.Series);
        Assert.Equal([10.5, 11.0], bars.Close.ToArray());
        Assert.Equal([1000.0, 2000.0], bars.Volume.ToArray());
    }

    public static TheoryData<string> WideEncodings => ["utf-16", "utf-16BE", "utf-32", "utf-32BE"];

    [Theory]
    [MemberData(nameof(WideEncodings))]
    public void A_file_saved_as_utf_16_or_utf_32_with_its_byte_order_mark_reads_as_the_same_bars(string name)
    {
        const string content = "Date,Open,High,Low,Close,Volume\r\n2006-01-02,10,11,9,10.5,1000\r\n2006-01-03,10.5,12,10,11,2000\r\n";
        var encoding = Encoding.GetEncoding(name);
        var import = new CsvBarImport(Interval.Daily);
        import.Add([.. encoding.GetPreamble(), .. encoding.GetBytes(content)], "prices.csv", Aapl);

        var result = import.Build();

        Assert.True(result.Succeeded, result.Problems.FirstOrDefault()?.ToString());
        Assert.Equal(Import(content).Series[0].Close.ToArray(), Assert.Single(result.Series).Close.ToArray());
    }

    [Theory]
    [InlineData("Date,Open,High,Low,Close,Volume\r2006-01-02,10,11,9,10.5,1000\r2006-01-03,10.5,12,10,11,2000\r", 2)]
    [InlineData("Date,Open,High,Low,Close,Volume\n2006-01-02,10,11,9,10.5,1000\r\n2006-01-03,10.5,12,10,11,2000\r2006-01-04,11,12,10,11.5,3000", 3)]
    public void A_lone_carriage_return_ends_a_line_as_old_mac_files_write_it(string content, int bars)
    {
        var result = Import(content);

        Assert.True(result.Succeeded, result.Problems.FirstOrDefault()?.ToString());
        Assert.Equal(new[] { 10.5, 11.0, 11.5 }[..bars], Assert.Single(result.Series).Close.ToArray());
    }

    [Fact]
    public void A_bad_row_after_lone_carriage_returns_is_reported_at_its_own_line()
    {
        var result = Import("Date,Open,High,Low,Close,Volume\r2006-01-02,10,11,9,10.5,1000\r2006-01-03,x,12,10,11,2000\r");

        Assert.Equal("prices.csv:3: open 'x' is not a number", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Rows_written_as_null_are_skipped_and_counted()
    {
        var result = Import("""
            Date,Open,High,Low,Close,Adj Close,Volume
            2020-01-02,10,11,9,10.5,10.5,1000
            2020-01-03,null,null,null,null,null,null
            2020-01-06,10.5,12,10,11,11,2000
            """);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Series[0].Count);
        var file = Assert.Single(result.Files);
        Assert.Equal(1, file.NullRowsSkipped);
        Assert.Equal(2, file.Rows);
    }

    [Fact]
    public void Rows_with_every_price_empty_are_missing_data_and_skipped_like_null_rows()
    {
        var result = Import("""
            Date,Open,High,Low,Close,Adj Close,Volume,Name
            2014-10-03,0.016,0.016,0.016,0.016,0.016,0.0,BHF
            2014-10-06,,,,,,,BHF
            2014-10-07,0.015,0.015,0.015,0.015,0.015,0.0,BHF
            """);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Series[0].Count);
        Assert.Equal(1, result.Files[0].NullRowsSkipped);
    }

    [Fact]
    public void Unsorted_rows_are_sorted()
    {
        var result = Import("""
            Date,Open,High,Low,Close,Volume
            2020-01-06,3,3,3,3,3
            2020-01-02,1,1,1,1,1
            2020-01-03,2,2,2,2,2
            """);

        Assert.Equal([1.0, 2.0, 3.0], result.Series[0].Close.ToArray());
    }

    [Fact]
    public void Identical_duplicate_rows_are_kept_once()
    {
        var result = Import("""
            Date,Open,High,Low,Close,Volume
            2020-01-02,1,1,1,1,1
            2020-01-02,1,1,1,1,1
            """);

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Series[0].Count);
        Assert.Equal(1, result.DuplicateRowsSkipped);
    }

    [Theory]
    [InlineData("2020-01-02,1,abc,1,1,1", "prices.csv:3: high 'abc' is not a number")]
    [InlineData("2020-01-02,1,1,2,1,1", "prices.csv:3: high 1 is below low 2")]
    [InlineData("2020-13-02,1,1,1,1,1", "prices.csv:3: '2020-13-02' is not a date (expected yyyy-MM-dd or an ISO-8601 time)")]
    [InlineData("2020-01-02,1,1,1", "prices.csv:3: expected 6 columns, found 4")]
    [InlineData("2020-01-02,1,,1,1,1", "prices.csv:3: high is empty")]
    [InlineData("2020-01-01,1,2,1,1.5,1", "prices.csv:3: 2020-01-01 appears twice with different values (also at prices.csv:2)")]
    public void A_bad_row_is_reported_with_file_and_line_and_nothing_is_returned_to_store(string badRow, string expected)
    {
        var result = Import($"Date,Open,High,Low,Close,Volume\n2020-01-01,1,1,1,1,1\n{badRow}\n2020-01-03,1,1,1,1,1\n");

        Assert.False(result.Succeeded);
        Assert.Empty(result.Series);
        Assert.Equal(expected, Assert.Single(result.Problems).ToString());
    }

    [Theory]
    [InlineData("2020-01-02,1e308,1e308,1e308,1e308,1", "prices.csv:3: open 1E+308 is outside the price range 1e-6 to 1e9")]
    [InlineData("2020-01-02,5e-324,5e-324,5e-324,5e-324,1", "prices.csv:3: open 5E-324 is outside the price range 1e-6 to 1e9")]
    [InlineData("2020-01-02,0,0,0,0,0", "prices.csv:3: open 0 is not a positive price")]
    [InlineData("2020-01-02,-1,1,0.5,1,1", "prices.csv:3: open -1 is not a positive price")]
    [InlineData("2020-01-02,1,2,0.5,2.5,1", "prices.csv:3: close 2.5 is above high 2")]
    [InlineData("2020-01-02,0.4,2,0.5,1,1", "prices.csv:3: open 0.4 is below low 0.5")]
    [InlineData("0001-01-01,1,1,1,1,1", "prices.csv:3: the date 0001-01-01 is outside the supported range 1900-01-01 to 2199-12-31")]
    [InlineData("9999-12-31,1,1,1,1,1", "prices.csv:3: the date 9999-12-31 is outside the supported range 1900-01-01 to 2199-12-31")]
    [InlineData("2020-01-02,NaN,1,1,1,1", "prices.csv:3: open NaN is not a finite number")]
    [InlineData("2020-01-02,1,Infinity,1,1,1", "prices.csv:3: high Infinity is not a finite number")]
    [InlineData("2020-01-02,1,1e400,1,1,1", "prices.csv:3: high Infinity is not a finite number")]
    [InlineData("2020-01-02,1,1,1,1,-5", "prices.csv:3: volume -5 is not a number from 0 to 1e18")]
    [InlineData("2020-01-02,1,1,1,1,NaN", "prices.csv:3: volume NaN is not a number from 0 to 1e18")]
    public void A_row_that_breaks_the_bar_rule_is_reported_with_file_and_line_and_nothing_is_returned_to_store(string badRow, string expected)
    {
        var result = Import($"Date,Open,High,Low,Close,Volume\n2020-01-01,1,1,1,1,1\n{badRow}\n2020-01-03,1,1,1,1,1\n");

        Assert.False(result.Succeeded);
        Assert.Empty(result.Series);
        Assert.Equal(expected, Assert.Single(result.Problems).ToString());
        Assert.Equal(1, result.InvalidBarProblems);
    }

    [Fact]
    public void Prices_at_the_ends_of_the_rule_s_range_import()
    {
        var result = Import("Date,Open,High,Low,Close,Volume\n1900-01-01,0.000001,1000000000,0.000001,1000000000,0\n2199-12-31,1,1,1,1,1e18\n");

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(2, result.Series[0].Count);
    }

    [Fact]
    public void Rows_that_break_the_bar_rule_are_left_out_and_reported_per_file_when_asked_to_skip_them()
    {
        var import = new CsvBarImport(Interval.Daily) { OnInvalidBar = CsvInvalidBarPolicy.Skip };
        import.Add("Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,10\n2020-01-03,2.5,2,0.5,1.5,10\n2020-01-06,0,0,0,0,0\n"u8, "aapl.csv", Aapl);

        var result = import.Build();

        Assert.True(result.Succeeded);
        Assert.Equal([new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc)], result.Series[0].Time.ToArray());
        var file = Assert.Single(result.Files);
        Assert.Equal(1, file.Rows);
        Assert.Equal(2, file.InvalidRowsSkipped);
        Assert.Equal(["aapl.csv:3: open 2.5 is above high 2", "aapl.csv:4: open 0 is not a positive price"], file.InvalidRowExamples.Select(p => p.ToString()));
    }

    [Fact]
    public void Skipping_invalid_bars_still_refuses_rows_that_cannot_be_read()
    {
        var import = new CsvBarImport(Interval.Daily) { OnInvalidBar = CsvInvalidBarPolicy.Skip };
        import.Add("Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,oops,10\n"u8, "aapl.csv", Aapl);

        var result = import.Build();

        Assert.Equal("aapl.csv:2: close 'oops' is not a number", Assert.Single(result.Problems).ToString());
        Assert.Empty(result.Series);
    }

    private static CsvImportResult ImportConflicting(CsvConflictPolicy policy) =>
        ImportFiles(policy, ("coh.csv", "Date,Open,High,Low,Close,Volume\n2017-10-27,40,41,39,40.5,100\n2017-10-30,40,41,39,40.5,2972000\n2017-10-30,40,41,39,40.5,2971978\n"));

    private static CsvImportResult ImportFiles(CsvConflictPolicy policy, params (string Name, string Content)[] files)
    {
        var import = new CsvBarImport(Interval.Daily) { OnConflict = policy };
        foreach (var (name, content) in files)
        {
            import.Add(Encoding.UTF8.GetBytes(content), name, Aapl);
        }

        return import.Build();
    }

    [Fact]
    public void A_date_repeated_with_different_values_is_refused_by_default()
    {
        var result = ImportConflicting(CsvConflictPolicy.Refuse);

        Assert.Empty(result.Series);
        Assert.Equal("coh.csv:4: 2017-10-30 appears twice with different values (also at coh.csv:3)", Assert.Single(result.Problems).ToString());
        Assert.Equal(1, result.ConflictProblems);
    }

    [Fact]
    public void Keep_first_keeps_the_row_read_first_and_names_the_conflicting_date()
    {
        var result = ImportConflicting(CsvConflictPolicy.KeepFirst);

        Assert.True(result.Succeeded);
        Assert.Equal([100.0, 2972000.0], result.Series[0].Volume.ToArray());
        Assert.Equal([new DateTime(2017, 10, 30, 0, 0, 0, DateTimeKind.Utc)], Assert.Single(result.Files).ConflictingTimes);
    }

    [Fact]
    public void Keep_last_keeps_the_row_read_last_and_names_the_conflicting_date()
    {
        var result = ImportConflicting(CsvConflictPolicy.KeepLast);

        Assert.True(result.Succeeded);
        Assert.Equal([100.0, 2971978.0], result.Series[0].Volume.ToArray());
        Assert.Equal([new DateTime(2017, 10, 30, 0, 0, 0, DateTimeKind.Utc)], Assert.Single(result.Files).ConflictingTimes);
    }

    [Fact]
    public void Keep_first_and_keep_last_follow_the_order_of_the_files_across_files()
    {
        (string, string) a = ("a.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,10\n");
        (string, string) b = ("b.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,20\n2020-01-03,1,2,0.5,1.5,30\n");

        var first = ImportFiles(CsvConflictPolicy.KeepFirst, a, b);
        var last = ImportFiles(CsvConflictPolicy.KeepLast, a, b);

        Assert.Equal([10.0, 30.0], first.Series[0].Volume.ToArray());
        Assert.Equal([20.0, 30.0], last.Series[0].Volume.ToArray());
        Assert.All(first.Files, f => Assert.Single(f.ConflictingTimes));
    }

    [Fact]
    public void Skip_file_leaves_out_every_file_with_a_conflict_and_imports_the_others()
    {
        var result = ImportFiles(
            CsvConflictPolicy.SkipFile,
            ("a.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,10\n2020-01-03,1,2,0.5,1.5,10\n"),
            ("b.csv", "Date,Open,High,Low,Close,Volume\n2020-01-06,1,2,0.5,1.5,20\n2020-01-06,1,2,0.5,1.5,21\n2020-01-07,1,2,0.5,1.5,20\n"),
            ("c.csv", "Date,Open,High,Low,Close,Volume\n2020-01-08,1,2,0.5,1.5,30\n"));

        Assert.True(result.Succeeded);
        Assert.Equal([10.0, 10.0, 30.0], result.Series[0].Volume.ToArray());
        Assert.Equal([false, true, false], result.Files.Select(f => f.Skipped));
    }

    [Fact]
    public void Skip_file_leaves_out_both_files_of_a_conflict_between_files()
    {
        var result = ImportFiles(
            CsvConflictPolicy.SkipFile,
            ("a.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,10\n"),
            ("b.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,20\n"));

        Assert.True(result.Succeeded);
        Assert.Empty(result.Series);
        Assert.All(result.Files, f => Assert.True(f.Skipped));
    }

    [Fact]
    public void Identical_repeats_are_no_conflict_for_any_policy()
    {
        foreach (var policy in Enum.GetValues<CsvConflictPolicy>())
        {
            var result = ImportFiles(policy, ("a.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,10\n2020-01-02,1,2,0.5,1.5,10\n"));

            Assert.True(result.Succeeded);
            Assert.Equal(1, result.DuplicateRowsSkipped);
            Assert.Empty(Assert.Single(result.Files).ConflictingTimes);
            Assert.False(result.Files[0].Skipped);
        }
    }

    [Fact]
    public void A_header_of_more_columns_than_the_cap_is_one_problem_on_line_1()
    {
        var header = "Date,Open,High,Low,Close,Volume" + string.Concat(Enumerable.Repeat(",x", CsvLayout.MaxColumns - 5));

        var result = Import(header + "\n2020-01-02,1,2,0.5,1.5,10\n");

        Assert.Empty(result.Series);
        Assert.Equal("prices.csv:1: too many columns: 1,001, at most 1,000", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_header_of_two_million_columns_is_one_problem_not_a_stack_overflow()
    {
        var header = "Date,Open,High,Low,Close,Volume" + string.Concat(Enumerable.Repeat(",x", 2_000_000 - 6));

        var result = Import(header + "\n2020-01-02,1,2,0.5,1.5,10\n");

        Assert.Equal("prices.csv:1: too many columns: 2,000,000, at most 1,000", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_header_without_the_needed_columns_says_which_are_missing()
    {
        var result = Import("Date,Price,Volume\n2020-01-01,1,1\n");

        Assert.Equal("prices.csv:1: the header lacks Open, High, Low, Close; its columns are Date, Price, Volume; map them with --columns field=column (like close=Last); a file of closes only maps open=Close,high=Close,low=Close", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void An_empty_file_is_a_problem()
    {
        var result = Import("\n\n");

        Assert.Equal("prices.csv: the file is empty", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Many_problems_are_listed_up_to_a_limit_and_all_counted()
    {
        var rows = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"2020-01-{i:00},x,1,1,1,1"));
        var result = Import("Date,Open,High,Low,Close,Volume\n" + rows);

        Assert.Equal(30, result.ProblemCount);
        Assert.Equal(CsvBarImport.MaxListedProblems, result.Problems.Count);
    }

    [Fact]
    public void Files_of_the_same_symbol_merge_and_conflicts_between_them_name_both_places()
    {
        var import = new CsvBarImport(Interval.Daily);
        import.Add("Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,1,1\n"u8, "a.csv", Aapl);
        import.Add("Date,Open,High,Low,Close,Volume\n2020-01-03,2,2,2,2,2\n2020-01-02,1,9,1,9,1\n"u8, "b.csv", Aapl);

        var result = import.Build();

        Assert.Equal("b.csv:3: 2020-01-02 appears twice with different values (also at a.csv:2)", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Files_of_different_symbols_become_separate_series()
    {
        var import = new CsvBarImport(Interval.Daily);
        import.Add("Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,1,1\n"u8, "a.csv", Aapl);
        import.Add("Date,Open,High,Low,Close,Volume\n2020-01-02,2,2,2,2,2\n"u8, "b.csv", Symbol.Parse("MSFT"));

        var result = import.Build();

        Assert.Equal(["AAPL", "MSFT"], result.Series.Select(s => s.Symbol.Value));
    }

    [Fact]
    public void Intraday_files_keep_the_time_of_day_in_utc()
    {
        var result = Import(
            "Datetime,Open,High,Low,Close,Volume\n2024-03-01T14:30:00Z,1,1,1,1,1\n2024-03-01 09:31:00-05:00,1,1,1,1,1\n",
            interval: Interval.OneMinute);

        Assert.Equal(
            [new DateTime(2024, 3, 1, 14, 30, 0, DateTimeKind.Utc), new DateTime(2024, 3, 1, 14, 31, 0, DateTimeKind.Utc)],
            result.Series[0].Time.ToArray());
    }

    [Fact]
    public void A_byte_order_mark_and_quoted_fields_are_accepted()
    {
        var result = Import("\uFEFF\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Volume\"\n\"2020-01-02\",\"1\",\"2\",\"0.5\",\"1.5\",\"10\"\n");

        Assert.Equal(1.5, result.Series[0][0].Close);
    }

    [Theory]
    [InlineData("/data/nvda.csv", "NVDA")]
    [InlineData("brk.b.csv", "BRK.B")]
    [InlineData("^gspc.txt", "^GSPC")]
    public void The_symbol_defaults_to_the_file_stem_in_upper_case(string path, string expected)
    {
        Assert.Equal(expected, CsvBarImport.SymbolFromFileName(path).Value);
    }

    [Fact]
    public void A_file_name_that_is_no_symbol_asks_for_one()
    {
        var error = Assert.Throws<ArgumentException>(() => CsvBarImport.SymbolFromFileName("my prices.csv"));
        Assert.Contains("pass --symbol", error.Message, StringComparison.Ordinal);
    }
}
