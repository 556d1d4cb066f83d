using System.Text.Json;
using Trading.Tests.Strategies.Files;

namespace Trading.Tests.Cli;

/// <summary><c>trade backtest</c>'s cost, fill and account models from flags and from a run config file: they reach
/// the engine (commissions and fills as worked out by hand), flags win over the file, bad input is one line per
/// problem, and a run repeats from its own --json output.</summary>
public sealed class RunConfigCommandTests : IDisposable
{
    private readonly CliRun _cli = new();
    private readonly Dictionary<string, string?> _settings;

    public RunConfigCommandTests()
    {
        _settings = new Dictionary<string, string?> { ["Strategies:CachePath"] = Path.Combine(_cli.Directory, "cache") };
    }

    public void Dispose() => _cli.Dispose();

    private Task<(int ExitCode, string Output, string Error)> Trade(params string[] args) => _cli.TradeWith(_settings, args);

    /// <summary>The ten hand-made days with a range of 1 around each open and close, so that slippage shows.</summary>
    private const string TenDaysWithRange = """
        Date,Open,High,Low,Close,Volume
        2024-01-01,10,11,9,10,1000
        2024-01-02,9,10,8,9,1000
        2024-01-03,8,9,7,8,1000
        2024-01-04,9,10,8,9,1000
        2024-01-05,11,12,10,11,1000
        2024-01-08,13,14,12,13,1000
        2024-01-09,12,13,11,12,1000
        2024-01-10,10,11,9,10,1000
        2024-01-11,8,9,7,8,1000
        2024-01-12,7,8,6,7,1000
        """;

    private static readonly string[] SmaCross = ["--strategy", "sma_cross", "--set", "fast=2", "--set", "slow=3", "--set", "quantity=100", "--cash", "10000"];

    private static JsonElement Read(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    private static (string Date, decimal Quantity, decimal Price, decimal Commission)[] Fills(JsonElement result) =>
        [.. result.GetProperty("fills").EnumerateArray().Select(f => (f.GetProperty("date").GetString()!, f.GetProperty("quantity").GetDecimal(), f.GetProperty("price").GetDecimal(), f.GetProperty("commission").GetDecimal()))];

    [Fact]
    public async Task A_per_share_commission_charges_its_minimum_and_is_capped_at_its_maximum_fraction_of_the_fill_s_value()
    {
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade(["backtest", .. SmaCross, "--csv", csv, "--commission", "per_share:0.03,minimum=4,maximum=0.004", "--json", json]);

        Assert.Equal(0, run.ExitCode);
        var result = Read(json);
        // Buy 100 at 13: 0.03 × 100 = 3, raised to the minimum 4, under the cap 0.004 × 1,300 = 5.20.
        // Sell 100 at 8: 3, raised to 4, then capped at 0.004 × 800 = 3.20 (the cap wins over the minimum).
        Assert.Equal([("2024-01-08", 100m, 13m, 4m), ("2024-01-11", 100m, 8m, 3.2m)], Fills(result));
        Assert.Equal(10_000m - 1_300m - 4m + 800m - 3.2m, result.GetProperty("final_cash").GetDecimal());
        var commission = result.GetProperty("config").GetProperty("commission");
        Assert.Equal("per_share", commission.GetProperty("model").GetString());
        Assert.Equal(0.004m, commission.GetProperty("maximum").GetDecimal());
    }

    [Fact]
    public async Task A_fixed_commission_is_charged_once_per_order_however_many_fills_the_participation_cap_splits_it_into()
    {
        var csv = _cli.File("abc.csv", TenDaysWithRange);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade(["backtest", .. SmaCross, "--csv", csv, "--commission", "fixed:2.5", "--max-volume-participation", "0.05", "--json", json]);

        Assert.Equal(0, run.ExitCode);
        // 5% of 1,000 shares a bar: each 100-share order fills 50 at one open and 50 at the next.
        Assert.Equal(
            [("2024-01-08", 50m, 13m, 2.5m), ("2024-01-09", 50m, 12m, 0m), ("2024-01-11", 50m, 8m, 2.5m), ("2024-01-12", 50m, 7m, 0m)],
            Fills(Read(json)));
    }

    [Fact]
    public async Task Volume_share_slippage_moves_each_fill_by_the_impact_of_its_share_of_the_bar_s_volume()
    {
        var csv = _cli.File("abc.csv", TenDaysWithRange);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade(["backtest", .. SmaCross, "--csv", csv, "--slippage", "volume_share:0.1", "--max-volume-participation", "0.05", "--json", json]);

        Assert.Equal(0, run.ExitCode);
        // Each fill takes 50 of 1,000 shares: impact 0.1 × 0.05² = 0.025%, paid on buys, given up on sells.
        Assert.Equal(
            [("2024-01-08", 50m, 13m * 1.00025m, 0m), ("2024-01-09", 50m, 12m * 1.00025m, 0m), ("2024-01-11", 50m, 8m * 0.99975m, 0m), ("2024-01-12", 50m, 7m * 0.99975m, 0m)],
            Fills(Read(json)));
    }

    [Fact]
    public async Task The_volume_share_limit_caps_the_share_the_impact_counts()
    {
        var csv = _cli.File("abc.csv", TenDaysWithRange);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade(["backtest", .. SmaCross, "--csv", csv, "--slippage", "volume_share:0.2,volume_share_limit=0.025", "--json", json]);

        Assert.Equal(0, run.ExitCode);
        // 100 of 1,000 shares is a share of 0.1, counted as 0.025: impact 0.2 × 0.025² = 0.0125%.
        Assert.Equal([("2024-01-08", 100m, 13m * 1.000125m, 0m), ("2024-01-11", 100m, 8m * 0.999875m, 0m)], Fills(Read(json)));
    }

    [Fact]
    public async Task A_run_repeats_from_its_own_json_output_with_every_model_as_it_was()
    {
        var csv = _cli.File("abc.csv", TenDaysWithRange);
        var first = Path.Combine(_cli.Directory, "first.json");
        var again = Path.Combine(_cli.Directory, "again.json");
        var run = await Trade(["backtest", .. SmaCross, "--csv", csv, "--symbol", "XYZ", "--from", "2024-01-02",
            "--commission", "per_share:0.01,minimum=1.5,maximum=0.01", "--slippage", "volume_share:0.3,volume_share_limit=0.5",
            "--max-volume-participation", "0.07", "--account", "margin", "--leverage", "1.5", "--risk-free", "0.03", "--json", first]);
        Assert.Equal(0, run.ExitCode);

        // From another folder, with nothing else on the command line.
        var repeat = await Trade("backtest", "--config", first, "--json", again);

        Assert.Equal(0, repeat.ExitCode);
        var (a, b) = (Read(first), Read(again));
        foreach (var member in new[] { "config", "metrics", "trades", "fills", "orders", "equity_curve", "final_equity", "symbols" })
        {
            Assert.Equal(a.GetProperty(member).GetRawText(), b.GetProperty(member).GetRawText());
        }

        var config = a.GetProperty("config");
        Assert.Equal("XYZ", config.GetProperty("csv").GetProperty("symbol").GetString());
        Assert.Equal("2024-01-02", config.GetProperty("start_date").GetString());
        Assert.Equal("margin", config.GetProperty("account").GetString());
        Assert.Equal(1.5m, config.GetProperty("leverage").GetDecimal());
        Assert.Equal(0.07m, config.GetProperty("max_volume_participation").GetDecimal());
        Assert.Equal(0.3m, config.GetProperty("slippage").GetProperty("price_impact").GetDecimal());
        Assert.Equal(0.03, config.GetProperty("risk_free").GetDouble());
        Assert.Equal(100, config.GetProperty("parameters").GetProperty("quantity").GetInt32());
        Assert.True(a.GetProperty("fills").GetArrayLength() > 2, "the cap should split orders into several fills");
    }

    [Fact]
    public async Task Flags_win_over_the_config_file_and_the_recorded_config_is_what_ran()
    {
        var folder = Path.Combine(_cli.Directory, "runs");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "abc.csv"), TenDaysWithRange);
        var config = _cli.File("runs/run.json", """
            {
              "strategy": "sma_cross",
              "parameters": { "fast": 2, "slow": 3, "quantity": 50 },
              "csv": { "path": "abc.csv" },
              "initial_cash": 10000,
              "commission": { "model": "per_share", "per_share": 0.005, "minimum": 1 },
              "slippage_bps": 10
            }
            """);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade("backtest", "--config", config, "--commission", "fixed:2", "--set", "quantity=100", "--json", json);

        Assert.Equal(0, run.ExitCode);
        var result = Read(json);
        var recorded = result.GetProperty("config");
        Assert.Equal("fixed", recorded.GetProperty("commission").GetProperty("model").GetString());
        Assert.Equal(10, recorded.GetProperty("slippage").GetProperty("bps").GetInt32());
        Assert.Equal(100, recorded.GetProperty("parameters").GetProperty("quantity").GetInt32());
        Assert.Equal(2, recorded.GetProperty("parameters").GetProperty("fast").GetInt32());
        Assert.Equal(10_000m, recorded.GetProperty("initial_cash").GetDecimal());
        // The csv path was relative to the config's folder.
        Assert.Equal(Path.Combine(folder, "abc.csv"), recorded.GetProperty("csv").GetProperty("path").GetString());
        // 100 shares at 13 plus 10 bp, and 2 per order.
        Assert.Equal([("2024-01-08", 100m, 13.013m, 2m), ("2024-01-11", 100m, 7.992m, 2m)], Fills(result));
    }

    [Fact]
    public async Task A_config_file_names_each_problem_on_its_own_line_by_its_json_path_and_nothing_runs()
    {
        var config = _cli.File("bad.json", """
            {
              "strategy": "sma_cross",
              "commission": { "model": "per_share", "per_share": -1, "max": 0.01 },
              "slippage": { "model": "volume_share", "price_impact": "high" },
              "max_volume_participation": 2,
              "account": "margin",
              "leverage": 0,
              "fill_on_same_bar": "yes",
              "start_date": "2024-13-01",
              "colour": "blue"
            }
            """);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade("backtest", "--config", config, "--json", json);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [
                "error: bad.json: commission.per_share must be a number at least 0 (IB charges 0.005); got -1",
                "error: bad.json: commission.max is not a number of a per_share commission; it takes model, per_share, minimum, maximum",
                "error: bad.json: slippage.price_impact must be a number at least 0 and below 1 (zipline uses 0.1); got 'high'",
                "error: bad.json: max_volume_participation must be a number above 0 and at most 1 (0.1 is 10%); got 2",
                "error: bad.json: leverage must be a number above 0 and at most 100 (1 is no borrowing, 2 is twice equity); got 0",
                "error: bad.json: fill_on_same_bar must be true or false; got 'yes'",
                "error: bad.json: start_date must be a date written yyyy-MM-dd, e.g. 2024-12-31; got '2024-13-01'",
                "error: bad.json: colour is not a run config property; valid: strategy, strategy_file, strategy_sha256, strategy_assembly, parameters, symbols, universe, csv, parquet, start_date, end_date, interval, index, benchmark, initial_cash, commission, commission_rate, slippage, slippage_bps, max_volume_participation, fill_on_same_bar, account, leverage, risk_free",
            ],
            run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Empty, run.Output);
        Assert.False(File.Exists(json));
    }

    [Theory]
    [InlineData("{\"strategy\": \"sma_cross\", \"commission\": {\"model\": \"percent\", \"rate\": 0.001}, \"commission_rate\": 0.001}", "error: c.json: commission_rate is a shorthand for a percent commission; give commission or commission_rate, not both")]
    [InlineData("{\"strategy\": \"sma_cross\", \"commission\": {\"model\": \"flat\"}}", "error: c.json: commission.model must be none, percent, per_share or fixed; got 'flat'")]
    [InlineData("{\"strategy\": \"sma_cross\", \"commission\": {\"model\": \"per_share\"}}", "error: c.json: commission.per_share is required for a per_share commission")]
    [InlineData("{\"strategy\": \"sma_cross\", \"leverage\": 3}", "error: c.json: leverage: leverage applies to a margin account; choose one (account margin, --account margin) to borrow up to 3 times equity (a cash account never borrows)")]
    [InlineData("{\"strategy\": \"sma_cross\", \"csv\": {\"symbol\": \"X\"}}", "error: c.json: csv.path is required: the CSV file's path (relative to the config's folder)")]
    [InlineData("[1, 2]", "error: c.json: the config must be a JSON object (a run config, or a backtest's --json output); got a JSON array")]
    [InlineData("{\"strategy\": \"sma_cross\", }}", "error: c.json: not valid JSON: '}' is invalid after a single JSON value. Expected end of data. LineNumber: 0 | BytePositionInLine: 27.")]
    public async Task A_config_file_s_mistake_is_one_line_naming_the_file_and_the_json_path(string content, string expected)
    {
        var config = _cli.File("c.json", content);

        var run = await Trade("backtest", "--config", config);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.TrimEnd());
    }

    [Theory]
    [InlineData("--commission per_share:0.005,min=1", "--commission per_share takes per_share, minimum or maximum; got 'min'")]
    [InlineData("--commission per_share", "--commission per_share needs per_share (e.g. per_share:0.005,minimum=1,maximum=0.01)")]
    [InlineData("--commission per_share:0.005,maximum=2", "--commission per_share: maximum must be a number above 0 and at most 1 (0.01 is 1% of the fill's value); got '2'")]
    [InlineData("--commission flat:1", "--commission takes a commission model, none, percent, per_share or fixed, as MODEL[:NUMBER][,NAME=NUMBER] (e.g. per_share:0.005,minimum=1,maximum=0.01); got 'flat:1'")]
    [InlineData("--commission none:1", "--commission none takes no numbers; got 'none:1'")]
    [InlineData("--slippage bps:-1", "--slippage bps: bps must be a number at least 0 and below 10000 (5 is 0.05%); got '-1'")]
    [InlineData("--slippage volume_share,limit=0.5", "--slippage volume_share takes price_impact or volume_share_limit; got 'limit'")]
    [InlineData("--max-volume-participation 0", "--max-volume-participation must be a number above 0 and at most 1 (0.1 is 10%); got 0")]
    [InlineData("--commission-rate 0.001 --commission fixed:1", "give --commission or --commission-rate (shorthand for --commission percent:RATE), not both")]
    [InlineData("--slippage-bps 5 --slippage none", "give --slippage or --slippage-bps (shorthand for --slippage bps:BPS), not both")]
    [InlineData("--account cash --leverage 2", "--leverage applies to a margin account; a cash account never borrows (give --account margin)")]
    public async Task A_model_flag_s_mistake_is_a_command_line_that_does_not_parse(string options, string expected)
    {
        var run = await Trade(["backtest", "--strategy", "sma_cross", .. options.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {expected} (see 'trade backtest --help')", run.Error.TrimEnd());
    }

    [Fact]
    public async Task A_recorded_strategy_file_that_changed_since_is_refused_and_one_that_did_not_runs_again()
    {
        var file = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);
        var json = Path.Combine(_cli.Directory, "r.json");
        var run = await Trade("backtest", "--strategy-file", file, "--csv", csv, "--commission", "fixed:1", "--json", json);
        Assert.Equal(0, run.ExitCode);
        var recorded = Read(json).GetProperty("config");
        Assert.Equal(file, recorded.GetProperty("strategy_file").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), recorded.GetProperty("strategy_sha256").GetString());

        var same = await Trade("backtest", "--config", json);
        File.AppendAllText(file, "// changed\n");
        var changed = await Trade("backtest", "--config", json);

        Assert.Equal(0, same.ExitCode);
        Assert.Equal(1, changed.ExitCode);
        Assert.StartsWith($"error: {file} has changed since the run was recorded (strategy_sha256 ", changed.Error.Split('\n')[^2], StringComparison.Ordinal);
        Assert.Contains("remove strategy_sha256 from the config to run the file as it is now", changed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_report_shows_the_effective_configuration()
    {
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);
        var report = Path.Combine(_cli.Directory, "r.html");

        var run = await Trade(["backtest", .. SmaCross, "--csv", csv, "--commission", "per_share:0.005,minimum=1,maximum=0.01", "--slippage-bps", "5", "--report", report]);

        Assert.Equal(0, run.ExitCode);
        var html = File.ReadAllText(report);
        Assert.Contains("<h2>Configuration</h2>", html, StringComparison.Ordinal);
        Assert.Contains("per_share:0.005,minimum=1,maximum=0.01", html, StringComparison.Ordinal);
        Assert.Contains("bps:5", html, StringComparison.Ordinal);
    }
}
