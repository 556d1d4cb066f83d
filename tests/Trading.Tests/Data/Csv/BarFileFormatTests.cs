using System.Text;
using Trading.Data.Csv;
using Trading.Domain;

namespace Trading.Tests.Data.Csv;

public class BarFileFormatTests
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private static CsvImportResult Import(string content, BarFileFormat format, Interval? interval = null)
    {
        var import = new CsvBarImport(interval ?? Interval.Daily) { Format = format };
        import.Add(Encoding.UTF8.GetBytes(content), "prices.csv", Aapl);
        return import.Build();
    }

    private static BarFileFormat Columns(string mapping) => new() { Columns = ColumnMapping.Parse(mapping) };

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Mapped_columns_are_read_by_the_names_the_header_spells()
    {
        var result = Import(
            "Timestamp;Last;Vol;Open;High;Low\n2020-01-02;10.5;100;10;11;9.5\n",
            Columns("date=Timestamp,close=Last,open=Open,high=High,low=Low,volume=Vol"));

        Assert.True(result.Succeeded, result.Problems.FirstOrDefault()?.ToString());
        Assert.Equal(new Bar(Utc(2020, 1, 2), 10, 11, 9.5, 10.5, 100), Assert.Single(result.Series)[0]);
    }

    [Fact]
    public void A_partial_mapping_finds_the_other_columns_by_their_usual_names()
    {
        var result = Import("Day,open,HIGH,Low,Last,Volume\n2020-01-02,10,11,9.5,10.5,100\n", Columns("date=Day,close=Last"));

        Assert.Equal(10.5, Assert.Single(result.Series)[0].Close);
    }

    [Fact]
    public void A_mapped_column_the_header_lacks_is_one_problem_that_lists_the_header()
    {
        var result = Import("Timestamp,Open,High,Low,Last,Volume\n2020-01-02,10,11,9.5,10.5,100\n", Columns("date=Timestamp,close=Close"));

        Assert.Equal(
            "prices.csv:1: no column Close (mapped to close); its columns are Timestamp, Open, High, Low, Last, Volume (names match as spelled, case included)",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Mapped_names_match_case_included()
    {
        var result = Import("Date,Open,High,Low,Last,Volume\n2020-01-02,10,11,9.5,10.5,100\n", Columns("close=last"));

        Assert.StartsWith("prices.csv:1: no column last (mapped to close)", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_file_of_closes_only_maps_open_high_and_low_to_the_close_and_volume_to_nothing()
    {
        var result = Import(
            "Date,NAV\n2020-01-02,10.5\n2020-01-03,10.75\n",
            Columns("close=NAV,open=NAV,high=NAV,low=NAV,volume="));

        var bars = Assert.Single(result.Series);
        Assert.Equal(new Bar(Utc(2020, 1, 3), 10.75, 10.75, 10.75, 10.75, 0), bars[1]);
    }

    [Fact]
    public void A_file_of_closes_only_without_a_mapping_is_refused_with_the_mapping_it_needs()
    {
        var result = Import("Date,NAV\n2020-01-02,10.5\n", BarFileFormat.Default);

        Assert.Equal(
            "prices.csv:1: the header lacks Open, High, Low, Close, Volume; its columns are Date, NAV; map them with --columns field=column (like close=Last); a file of closes only maps open=Close,high=Close,low=Close; a file without volume maps volume=",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void An_adjusted_close_scales_open_high_low_and_close_by_one_factor()
    {
        var result = Import(
            "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,10,12,8,11,5.5,100\n2020-01-03,11,11,11,11,11,100\n",
            Columns("adj_close=Adj Close"));

        var bars = Assert.Single(result.Series);
        Assert.Equal(new Bar(Utc(2020, 1, 2), 5, 6, 4, 5.5, 100), bars[0]);
        Assert.Equal(11, bars[1].Close);
        Assert.Equal(bars[1].High, bars[1].Close);
    }

    [Fact]
    public void An_adjusted_close_that_is_not_a_positive_price_breaks_the_rule_and_can_be_skipped()
    {
        const string content = "Date,Open,High,Low,Close,Adj,Volume\n2020-01-02,10,12,8,11,0,100\n2020-01-03,10,12,8,11,11,100\n";
        Assert.Equal("prices.csv:2: adj close 0 is not a positive price", Assert.Single(Import(content, Columns("adj_close=Adj")).Problems).ToString());

        var import = new CsvBarImport(Interval.Daily) { Format = Columns("adj_close=Adj"), OnInvalidBar = CsvInvalidBarPolicy.Skip };
        import.Add(Encoding.UTF8.GetBytes(content), "prices.csv", Aapl);
        Assert.Equal(1, Assert.Single(import.Build().Series).Count);
    }

    [Fact]
    public void A_symbol_column_splits_a_long_format_file_into_one_series_per_symbol()
    {
        var result = Import(
            "Ticker,Date,Open,High,Low,Close,Volume\nmsft,2020-01-02,1,2,1,2,10\nAAPL,2020-01-02,3,4,3,4,10\nmsft,2020-01-03,2,3,2,3,10\n",
            Columns("symbol=Ticker"));

        Assert.Equal(["AAPL", "MSFT"], result.Series.Select(s => s.Symbol.Value));
        Assert.Equal([2.0, 3.0], result.Series[1].Close.ToArray());
        Assert.Equal(["AAPL", "MSFT"], Assert.Single(result.Files).Symbols.Select(s => s.Value));
    }

    [Fact]
    public void A_row_whose_symbol_is_not_a_symbol_names_its_line()
    {
        var result = Import("Ticker,Date,Open,High,Low,Close,Volume\nMSFT,2020-01-02,1,2,1,2,10\n,2020-01-03,2,3,2,3,10\n", Columns("symbol=Ticker"));

        Assert.Equal("prices.csv:3: symbol is empty", Assert.Single(result.Problems).ToString());
    }

    [Theory]
    [InlineData("yyyyMMdd", "20200102")]
    [InlineData("dd/MM/yyyy", "02/01/2020")]
    [InlineData("MM/dd/yyyy", "01/02/2020")]
    [InlineData("MM/dd/yyyy HH:mm", "01/02/2020 16:00")]
    [InlineData("d.M.yy", "2.1.20")]
    [InlineData("unix", "1577923200")]
    [InlineData("unix_ms", "1577923200000")]
    public void A_date_format_reads_the_dates_it_describes(string format, string date)
    {
        var result = Import($"Date,Open,High,Low,Close,Volume\n{date},1,1,1,1,1\n", new BarFileFormat { DateFormat = format });

        Assert.True(result.Succeeded, result.Problems.FirstOrDefault()?.ToString());
        Assert.Equal(Utc(2020, 1, 2), Assert.Single(result.Series)[0].Time);
    }

    [Theory]
    [InlineData("dd/MM/yyyy", "2020-01-03", "prices.csv:3: '2020-01-03' does not match the date format dd/MM/yyyy")]
    [InlineData("dd/MM/yyyy", "13/13/2020", "prices.csv:3: '13/13/2020' does not match the date format dd/MM/yyyy")]
    [InlineData("unix", "soon", "prices.csv:3: 'soon' is not a unix time in seconds")]
    [InlineData("unix_ms", "1577923200000.5", "prices.csv:3: '1577923200000.5' is not a unix time in whole milliseconds")]
    [InlineData(null, "03/01/2020", "prices.csv:3: '03/01/2020' is not a date (expected yyyy-MM-dd or an ISO-8601 time; a date like 03/04/2020 needs a date format such as dd/MM/yyyy or MM/dd/yyyy)")]
    public void A_date_the_format_does_not_read_names_its_line_and_value(string? format, string date, string expected)
    {
        var first = format switch { "unix" => "1577923200", "unix_ms" => "1577923200000", null => "2020-01-02", _ => "02/01/2020" };
        var result = Import($"Date,Open,High,Low,Close,Volume\n{first},1,1,1,1,1\n{date},1,1,1,1,1\n", new BarFileFormat { DateFormat = format });

        Assert.Equal(expected, Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Without_a_date_format_day_and_month_are_never_guessed_but_year_first_dates_read()
    {
        var result = Import("Date,Open,High,Low,Close,Volume\n2020/01/02,1,1,1,1,1\n20200103,1,1,1,1,1\n", BarFileFormat.Default);

        Assert.Equal([Utc(2020, 1, 2), Utc(2020, 1, 3)], Assert.Single(result.Series).Time.ToArray());
    }

    [Fact]
    public void Intraday_times_of_a_zone_become_utc_across_the_change_to_summer_time()
    {
        var result = Import(
            "Datetime,Open,High,Low,Close,Volume\n2024-03-08 09:30,1,1,1,1,1\n2024-03-11 09:30,1,1,1,1,1\n2024-03-11T09:31:00-04:00,1,1,1,1,1\n",
            new BarFileFormat { TimeZone = "America/New_York" },
            Interval.OneMinute);

        Assert.Equal([Utc(2024, 3, 8, 14, 30), Utc(2024, 3, 11, 13, 30), Utc(2024, 3, 11, 13, 31)], Assert.Single(result.Series).Time.ToArray());
    }

    [Theory]
    [InlineData("2024-03-10 02:30", "prices.csv:3: 2024-03-10 02:30 does not exist in America/New_York (the clocks went forward)")]
    [InlineData("2024-11-03 01:30", "prices.csv:3: 2024-11-03 01:30 happens twice in America/New_York (the clocks went back); write it with its offset (-05:00 or -04:00)")]
    public void A_local_time_the_clocks_skip_or_repeat_is_a_problem_never_shifted(string time, string expected)
    {
        var result = Import(
            $"Datetime,Open,High,Low,Close,Volume\n2024-03-08 09:30,1,1,1,1,1\n{time},1,1,1,1,1\n",
            new BarFileFormat { TimeZone = "America/New_York" },
            Interval.OneHour);

        Assert.Equal(expected, Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_daily_date_is_the_trading_day_whatever_the_zone_and_an_instant_s_day_is_its_date_there()
    {
        var format = new BarFileFormat { TimeZone = "Asia/Tokyo", DateFormat = "unix" };

        // 2020-01-01T15:00:00Z is midnight of January 2 in Tokyo.
        var epoch = Import("Date,Open,High,Low,Close,Volume\n1577890800,1,1,1,1,1\n", format);
        var dated = Import("Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,1,1\n", format with { DateFormat = null });

        Assert.Equal(Utc(2020, 1, 2), Assert.Single(epoch.Series)[0].Time);
        Assert.Equal(Utc(2020, 1, 2), Assert.Single(dated.Series)[0].Time);
    }

    [Theory]
    [InlineData("date", "takes field=column pairs separated by commas, like date=Timestamp,close=Last; got 'date'")]
    [InlineData("date=A,date=B", "maps date twice; map each field once")]
    [InlineData("price=Last", "'price' is not a field; the fields are date, open, high, low, close, volume, adj_close, symbol")]
    [InlineData("close=", "close= names no column; only volume= may (a file without volume)")]
    public void A_mapping_that_does_not_parse_says_why(string text, string expected)
    {
        Assert.Equal(expected, Assert.Throws<FormatException>(() => ColumnMapping.Parse(text)).Message);
    }

    [Fact]
    public void A_mapping_writes_back_as_it_reads()
    {
        var mapping = ColumnMapping.Parse("close=Last, date=Timestamp ,volume=");

        Assert.Equal("date=Timestamp,close=Last,volume=", mapping.ToString());
        Assert.Equal(mapping, ColumnMapping.Parse(mapping.ToString()));
    }

    [Theory]
    [InlineData("%", null, "the date format '%' is not a .NET date format")]
    [InlineData(null, "Mars/Olympus", "'Mars/Olympus' is not a time zone this machine knows")]
    public void A_format_or_zone_that_cannot_be_used_is_refused_before_any_file_is_read(string? dateFormat, string? zone, string expected)
    {
        var format = new BarFileFormat { DateFormat = dateFormat, TimeZone = zone };

        Assert.StartsWith(expected, Assert.Throws<ArgumentException>(format.Validate).Message);
    }
}
