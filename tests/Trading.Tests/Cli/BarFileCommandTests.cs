using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parquet.Schema;
using Trading.Tests.Data.Parquet;

namespace Trading.Tests.Cli;

/// <summary><c>--columns</c>, <c>--date-format</c>, <c>--time-zone</c> and Parquet files through <c>trade data import</c>
/// and <c>trade backtest</c>.</summary>
public sealed class BarFileCommandTests : IDisposable
{
    private static readonly DateTime[] Days = [.. HandMadeBars.TenDays.Split('\n').Skip(1).Select(l => DateTime.SpecifyKind(DateTime.ParseExact(l.Trim()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc))];
    private static readonly double[] Closes = [10, 9, 8, 9, 11, 13, 12, 10, 8, 7];
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>The hand-made ten days in another layout: semicolons, day first, the close called Last, no volume name.</summary>
    private string MappedCsv(string name = "abc.txt") => _cli.File(
        name,
        "Ticker;Day;Last;O;H;L;Shares\n" + string.Concat(Days.Select((d, i) => $"ABC;{d:dd/MM/yyyy};{Closes[i]};{Closes[i]};{Closes[i]};{Closes[i]};1000\n")));

    /// <summary>The hand-made ten days as Parquet: UTC timestamps, decimal prices, integer volume.</summary>
    private async Task<string> ParquetTenDays(string name = "abc.parquet")
    {
        var path = Path.Combine(_cli.Directory, name);
        var prices = Closes.Select(c => (decimal)c).ToArray();
        await ParquetFile.WriteAsync(
            path,
            [
                (new DateTimeDataField("Date", DateTimeFormat.Timestamp, isAdjustedToUTC: true), Days),
                (new DecimalDataField("Open", 18, 2), prices), (new DecimalDataField("High", 18, 2), prices),
                (new DecimalDataField("Low", 18, 2), prices), (new DecimalDataField("Close", 18, 2), prices),
                (new DataField<long>("Volume"), Enumerable.Repeat(1000L, 10).ToArray()),
            ]);
        return path;
    }

    private async Task<JsonElement> Backtest(params string[] input)
    {
        var json = Path.Combine(_cli.Directory, Guid.NewGuid().ToString("N") + ".json");
        var run = await _cli.Trade(["backtest", "--strategy", "sma_cross", .. input, "--set", "fast=2", "--set", "slow=3", "--set", "quantity=100", "--cash", "10000", "--json", json]);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(File.ReadAllText(json)).RootElement;
    }

    [Fact]
    public async Task Optimize_reads_a_config_s_file_with_the_layout_given_beside_it_as_backtest_does_and_refuses_a_layout_without_a_file()
    {
        var config = _cli.File("run.json", JsonSerializer.Serialize(new { strategy = "sma_cross", csv = new { path = MappedCsv() }, parameters = new { quantity = 100 }, initial_cash = 10000 }));
        string[] layout = ["--columns", "date=Day,close=Last,open=O,high=H,low=L,volume=Shares", "--date-format", "dd/MM/yyyy"];
        var json = Path.Combine(_cli.Directory, "search.json");

        var backtest = await _cli.Trade(["backtest", "--config", config, .. layout, "--set", "fast=2", "--set", "slow=3"]);
        var search = await _cli.Trade(["optimize", "--config", config, .. layout, "--param", "fast=2", "--param", "slow=3", "--json", json]);
        var bare = await _cli.Trade(["optimize", "--strategy", "sma_cross", "--param", "fast=2,3", .. layout]);

        Assert.True(backtest.ExitCode == 0, backtest.Error);
        Assert.True(search.ExitCode == 0, search.Error);
        var trial = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("trials")[0];
        Assert.Equal(10_000m - 1_300m + 800m, trial.GetProperty("metrics").GetProperty("final_equity").GetDecimal());
        Assert.Equal(1, bare.ExitCode);
        Assert.Equal("error: --columns, --date-format and --time-zone say how to read a --csv or --parquet file; give one", bare.Error.Trim());
    }

    [Fact]
    public async Task A_mapped_csv_and_a_parquet_file_backtest_exactly_as_the_plain_csv_of_the_same_bars()
    {
        var plain = await Backtest("--csv", _cli.File("abc.csv", HandMadeBars.TenDays));
        var mapped = await Backtest("--csv", MappedCsv(), "--columns", "date=Day,close=Last,open=O,high=H,low=L,volume=Shares", "--date-format", "dd/MM/yyyy");
        var parquet = await Backtest("--parquet", await ParquetTenDays());

        Assert.Equal(10_000m - 1_300m + 800m, plain.GetProperty("final_cash").GetDecimal());
        foreach (var other in new[] { mapped, parquet })
        {
            Assert.Equal(plain.GetProperty("fills").ToString(), other.GetProperty("fills").ToString());
            Assert.Equal(plain.GetProperty("final_equity").GetDecimal(), other.GetProperty("final_equity").GetDecimal());
        }
    }

    [Fact]
    public async Task A_mapped_file_s_layout_is_recorded_in_the_run_config_and_the_run_repeats_from_its_own_output()
    {
        var mapped = await Backtest("--csv", MappedCsv(), "--symbol", "ABC", "--columns", "date=Day,close=Last,open=O,high=H,low=L,volume=Shares", "--date-format", "dd/MM/yyyy", "--time-zone", "America/New_York");
        var parquet = await Backtest("--parquet", await ParquetTenDays());
        var recorded = Path.Combine(_cli.Directory, "recorded.json");
        File.WriteAllText(recorded, mapped.GetRawText());

        var again = await _cli.Trade("backtest", "--config", recorded);

        var csv = mapped.GetProperty("config").GetProperty("csv");
        Assert.Equal("ABC", csv.GetProperty("symbol").GetString());
        Assert.Equal("Day", csv.GetProperty("columns").GetProperty("date").GetString());
        Assert.Equal("Shares", csv.GetProperty("columns").GetProperty("volume").GetString());
        Assert.Equal("dd/MM/yyyy", csv.GetProperty("date_format").GetString());
        Assert.Equal("America/New_York", csv.GetProperty("time_zone").GetString());
        Assert.EndsWith("abc.parquet", parquet.GetProperty("config").GetProperty("parquet").GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Matches($@"final equity\s+│\s+{Regex.Escape(mapped.GetProperty("final_equity").GetDecimal().ToString("N2", CultureInfo.InvariantCulture))}\s", again.Output);
    }

    [Fact]
    public async Task A_long_format_file_backtests_every_symbol_its_symbol_column_names()
    {
        var csv = _cli.File(
            "two.csv",
            "Ticker,Date,Open,High,Low,Close,Volume\n" + string.Concat(Days.SelectMany((d, i) => new[] { $"AAA,{d:yyyy-MM-dd},{Closes[i]},{Closes[i]},{Closes[i]},{Closes[i]},1000\n", $"BBB,{d:yyyy-MM-dd},{Closes[i]},{Closes[i]},{Closes[i]},{Closes[i]},1000\n" })));

        var result = await Backtest("--csv", csv, "--columns", "symbol=Ticker");

        Assert.Equal(["AAA", "AAA", "BBB", "BBB"], result.GetProperty("fills").EnumerateArray().Select(f => f.GetProperty("symbol").GetString()).Order());
    }

    [Fact]
    public async Task Data_import_reads_a_mapped_csv_and_a_parquet_file_and_stores_their_bars()
    {
        var csv = await _cli.Trade("data", "import", MappedCsv("abc.txt"), "--columns", "date=Day,close=Last,open=O,high=H,low=L,volume=Shares", "--date-format", "dd/MM/yyyy", "--symbol", "ABC");
        Assert.True(csv.ExitCode == 0, csv.Error);
        Assert.Contains("abc.txt: 10 rows for ABC", csv.Output, StringComparison.Ordinal);

        var parquet = await _cli.Trade("data", "import", await ParquetTenDays("xyz.parquet"));
        Assert.True(parquet.ExitCode == 0, parquet.Error);
        Assert.Contains("XYZ 1d: 10 bars, 2024-01-01 to 2024-01-12", parquet.Output, StringComparison.Ordinal);

        var list = await _cli.Trade("data", "list");
        Assert.Contains("ABC", list.Output, StringComparison.Ordinal);
        Assert.Contains("XYZ", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_import_of_a_long_format_parquet_file_names_its_symbols()
    {
        var path = Path.Combine(_cli.Directory, "universe.parquet");
        await ParquetFile.WriteAsync(
            path,
            [
                (new DataField<string>("Ticker"), new string?[] { "MSFT", "AAPL" }),
                (new DataField<string>("Timestamp"), new string?[] { "2024-03-08 09:30", "2024-03-08 09:30" }),
                (new DataField<double>("Open"), new[] { 1.0, 2 }), (new DataField<double>("High"), new[] { 1.0, 2 }),
                (new DataField<double>("Low"), new[] { 1.0, 2 }), (new DataField<double>("Last"), new[] { 1.0, 2 }),
            ]);

        var run = await _cli.Trade("data", "import", path, "--columns", "symbol=Ticker,close=Last,volume=", "--interval", "1m", "--time-zone", "America/New_York");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("universe.parquet: 2 rows for 2 symbols (AAPL; MSFT)", run.Output, StringComparison.Ordinal);
        Assert.Contains("MSFT 1m: 1 bars, 2024-03-08T14:30:00Z to 2024-03-08T14:30:00Z", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--columns", "close=", "error: --columns close= names no column; only volume= may (a file without volume)")]
    [InlineData("--columns", "price=Last", "error: --columns 'price' is not a field; the fields are date, open, high, low, close, volume, adj_close, symbol")]
    [InlineData("--date-format", "%", "error: --date-format: the date format '%' is not a .NET date format")]
    [InlineData("--time-zone", "Mars/Olympus", "error: --time-zone: 'Mars/Olympus' is not a time zone this machine knows")]
    public async Task A_format_option_that_cannot_be_used_is_a_command_line_error(string option, string value, string expected)
    {
        var run = await _cli.Trade("data", "import", _cli.File("abc.csv", HandMadeBars.TenDays), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapped_column_the_file_lacks_is_one_error_line_listing_its_columns_and_nothing_is_stored()
    {
        var run = await _cli.Trade("data", "import", MappedCsv(), "--columns", "date=Day,close=Close", "--symbol", "ABC");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^error: .*abc\.txt:1: no column Close \(mapped to close\); its columns are Ticker, Day, Last, O, H, L, Shares \(names match as spelled, case included\); nothing was stored\r?\n$", run.Error);
        Assert.False(File.Exists(_cli.DatabasePath) && (await _cli.Trade("data", "list")).Output.Contains("ABC", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backtest_input_of_the_wrong_kind_is_one_line_saying_which_option_fits()
    {
        var parquetAsCsv = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", await ParquetTenDays());
        Assert.Equal(1, parquetAsCsv.ExitCode);
        Assert.Equal("error: --csv: abc.parquet is a Parquet file; give it as --parquet abc.parquet", parquetAsCsv.Error.TrimEnd());

        var csvAsParquet = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--parquet", _cli.File("abc.csv", HandMadeBars.TenDays));
        Assert.Equal(1, csvAsParquet.ExitCode);
        Assert.Matches(@"^error: 1 bad row in abc\.csv; first: .*abc\.csv: not a Parquet file \(.*\)\r?\n$", csvAsParquet.Error);

        var both = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--parquet", "a.parquet", "--csv", "b.csv");
        Assert.Equal("error: give a csv file or a parquet file (--csv FILE or --parquet FILE), not both", both.Error.TrimEnd());

        var formatAlone = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--date-format", "yyyyMMdd");
        Assert.Equal("error: --columns, --date-format and --time-zone say how to read a --csv or --parquet file; give one", formatAlone.Error.TrimEnd());
    }

    [Fact]
    public async Task Symbol_and_a_symbol_column_together_are_refused()
    {
        var run = await _cli.Trade("data", "import", MappedCsv(), "--columns", "symbol=Ticker", "--symbol", "ABC");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --symbol names every bar's symbol, but --columns symbol=Ticker reads each row's: give one or the other", run.Error.TrimEnd());
    }
}
