using Trading.Data.Storage.Sqlite;
using Trading.Domain;

namespace Trading.Tests.Cli;

public sealed class DataCommandTests : IDisposable
{
    private const string Header = "Date,Open,High,Low,Close,Adj Close,Volume\n";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Import_stores_a_yahoo_file_under_its_stem_and_list_shows_it()
    {
        var file = _cli.File("nvda.csv", Header + "2014-01-02,15.92,15.98,15.72,15.86,15.09,6502300\n2014-01-03,15.89,15.92,15.62,15.67,14.91,6483300\n2014-01-06,null,null,null,null,null,null\n");

        var import = await _cli.Trade("data", "import", file);
        var list = await _cli.Trade("data", "list");

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("nvda.csv: 2 rows for NVDA, 1 null rows skipped", import.Output, StringComparison.Ordinal);
        Assert.Contains("stored 2 bars", import.Output, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"NVDA\s+1d\s+2014-01-02\s+2014-01-03\s+2", list.Output);
    }

    [Fact]
    public async Task Importing_twice_stores_each_bar_once()
    {
        var file = _cli.File("msft.csv", Header + "2014-01-02,1,2,0.5,1.5,1.5,100\n2014-01-03,1,2,0.5,1.5,1.5,100\n");

        await _cli.Trade("data", "import", file);
        await _cli.Trade("data", "import", file);
        var list = await _cli.Trade("data", "list");

        Assert.Matches(@"MSFT\s+1d\s+2014-01-02\s+2014-01-03\s+2\s", list.Output);
    }

    [Fact]
    public async Task A_bad_row_in_any_file_stores_nothing_from_any_file_and_says_where()
    {
        var good = _cli.File("good.csv", Header + "2014-01-02,1,2,0.5,1.5,1.5,100\n");
        var bad = _cli.File("bad.csv", Header + "2014-01-02,1,2,0.5,1.5,1.5,100\n2014-01-03,1,0.4,0.5,1.5,1.5,100\n");

        var import = await _cli.Trade("data", "import", good, bad);
        var list = await _cli.Trade("data", "list");

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("bad.csv:3: high 0.4 is below low 0.5", import.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", import.Error, StringComparison.Ordinal);
        Assert.Contains("no bars stored", list.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2014-01-03,1e308,1e308,1e308,1e308,1e308,100", "open 1E+308 is outside the price range 1e-6 to 1e9")]
    [InlineData("2014-01-03,5e-324,5e-324,5e-324,5e-324,5e-324,100", "open 5E-324 is outside the price range 1e-6 to 1e9")]
    [InlineData("2014-01-03,0,0,0,0,0,0", "open 0 is not a positive price")]
    [InlineData("2014-01-03,1,2,0.5,2.5,2.5,100", "close 2.5 is above high 2")]
    [InlineData("2014-01-03,0.4,2,0.5,1.5,1.5,100", "open 0.4 is below low 0.5")]
    [InlineData("0001-01-01,1,2,0.5,1.5,1.5,100", "the date 0001-01-01 is outside the supported range 1900-01-01 to 2199-12-31")]
    [InlineData("9999-12-31,1,2,0.5,1.5,1.5,100", "the date 9999-12-31 is outside the supported range 1900-01-01 to 2199-12-31")]
    [InlineData("2014-01-03,NaN,2,0.5,1.5,1.5,100", "open NaN is not a finite number")]
    [InlineData("2014-01-03,1,Infinity,0.5,1.5,1.5,100", "high Infinity is not a finite number")]
    [InlineData("2014-01-03,1,2,0.5,1.5,1.5,-100", "volume -100 is not a number from 0 to 1e18")]
    public async Task A_bar_that_breaks_the_bar_rule_stores_nothing_from_any_file_and_says_where(string row, string problem)
    {
        var good = _cli.File("good.csv", Header + "2014-01-02,1,2,0.5,1.5,1.5,100\n");
        var bad = _cli.File("bad.csv", Header + "2014-01-02,1,2,0.5,1.5,1.5,100\n" + row + "\n");

        var import = await _cli.Trade("data", "import", good, bad);
        var list = await _cli.Trade("data", "list");

        Assert.Equal(1, import.ExitCode);
        Assert.Equal(
            $"error: {bad}:3: {problem}; nothing was stored (--on-invalid-bar skip leaves out the 1 row that breaks the bar rule)",
            import.Error.TrimEnd());
        Assert.Contains("no bars stored", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipping_invalid_bars_stores_the_rest_and_names_each_skipped_line()
    {
        var file = _cli.File("zion.csv", Header + "2017-12-05,52.02,52.2,50.77,50.88,50.88,2413800\n2017-12-06,52.02,50.71,50.05,50.58,50.58,1378773\n");

        var import = await _cli.Trade("data", "import", file, "--on-invalid-bar", "skip");
        var list = await _cli.Trade("data", "list");

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("zion.csv: 1 rows for ZION, 1 invalid row skipped (line 3: open 52.02 is above high 50.71)", import.Output, StringComparison.Ordinal);
        Assert.Matches(@"ZION\s+1d\s+2017-12-05\s+2017-12-05\s+1\s", list.Output);
    }

    [Theory]
    [InlineData("error", 1, null, null)]
    [InlineData("keep-first", 0, "coh.csv: 2 rows for COH, 1 conflicting date (2017-10-30) kept first", 2972000.0)]
    [InlineData("keep-last", 0, "coh.csv: 2 rows for COH, 1 conflicting date (2017-10-30) kept last", 2971978.0)]
    [InlineData("skip-file", 0, "coh.csv: skipped, 1 conflicting date (2017-10-30)", null)]
    public async Task On_conflict_settles_a_date_repeated_with_different_values_and_says_what_it_did(string mode, int exitCode, string? said, double? storedVolume)
    {
        var coh = _cli.File("coh.csv", Header + "2017-10-30,40.12,40.36,39.88,39.9,39.9,2972000\n2017-10-30,40.12,40.36,39.88,39.9,39.9,2971978\n");
        var ok = _cli.File("ok.csv", Header + "2017-10-30,1,2,0.5,1.5,1.5,100\n");

        var import = await _cli.Trade("data", "import", coh, ok, "--on-conflict", mode);
        var list = await _cli.Trade("data", "list");

        Assert.Equal(exitCode, import.ExitCode);
        if (said is null)
        {
            Assert.Contains("coh.csv:3: 2017-10-30 appears twice with different values", import.Error, StringComparison.Ordinal);
            Assert.Contains("--on-conflict keep-first, keep-last or skip-file settles the 1 repeated date", import.Error, StringComparison.Ordinal);
            Assert.Contains("no bars stored", list.Output, StringComparison.Ordinal);
            return;
        }

        Assert.Contains(said, import.Output, StringComparison.Ordinal);
        Assert.Contains("ok.csv: 1 rows for OK", import.Output, StringComparison.Ordinal);
        Assert.Matches(@"OK\s+1d", list.Output);
        using var store = new SqliteMarketDataStore(_cli.DatabasePath);
        var stored = await store.ReadBarsAsync(Symbol.Parse("COH"), Interval.Daily);
        Assert.Equal(storedVolume is { } volume ? [volume] : [], stored.Volume.ToArray());
    }

    [Fact]
    public async Task Symbol_and_interval_options_apply_to_every_file()
    {
        var file = _cli.File("whatever.csv", "Datetime,Open,High,Low,Close,Volume\n2024-03-01T14:30:00Z,1,2,0.5,1.5,100\n");

        var import = await _cli.Trade("data", "import", file, "--symbol", "brk.b", "--interval", "1m");
        var list = await _cli.Trade("data", "list");

        Assert.Equal(0, import.ExitCode);
        Assert.Matches(@"BRK\.B\s+1m\s+2024-03-01T14:30:00Z", list.Output);
    }

    [Theory]
    [InlineData("--symbol", "AAPL'; DROP TABLE bars;--")]
    [InlineData("--interval", "2d")]
    public async Task Bad_options_fail_with_one_line_and_a_non_zero_exit(string option, string value)
    {
        var file = _cli.File("x.csv", Header + "2014-01-02,1,2,0.5,1.5,1.5,100\n");

        var result = await _cli.Trade("data", "import", file, option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_missing_file_is_one_clear_line()
    {
        var result = await _cli.Trade("data", "import", Path.Combine(_cli.Directory, "nope.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^error: .*nope\.csv: no such file\n$", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await _cli.Trade("data", "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
    }
}
