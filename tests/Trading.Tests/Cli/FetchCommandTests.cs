using System.Diagnostics;
using Trading.Tests.Data.Yahoo;

namespace Trading.Tests.Cli;

public sealed class FetchCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<(int ExitCode, string Output, string Error)> Fetch(Uri yahoo, params string[] args) =>
        _cli.TradeWith(
            new Dictionary<string, string?>
            {
                ["Yahoo:BaseAddress"] = yahoo.ToString(),
                ["Yahoo:MaxRetries"] = "1",
                ["Yahoo:RetryBaseDelay"] = "00:00:00.010",
            },
            ["data", "fetch", .. args]);

    [Fact]
    public async Task Fetched_bars_and_dividends_are_stored()
    {
        await using var yahoo = FakeYahooServer.Always(FakeResponse.Fixture("dividends-daily.json"));

        var fetch = await Fetch(yahoo.BaseAddress, "DIVS", "--from", "2023-11-01", "--to", "2023-11-30");
        var list = await _cli.Trade("data", "list");

        Assert.Equal(0, fetch.ExitCode);
        Assert.Contains("DIVS: 5 1d bars, 2023-11-02 to 2023-11-08, 0 splits, 2 dividends", fetch.Output, StringComparison.Ordinal);
        Assert.Matches(@"DIVS\s+1d\s+2023-11-02\s+2023-11-08\s+5", list.Output);
    }

    [Fact]
    public async Task A_failing_symbol_is_reported_and_the_others_are_still_stored()
    {
        await using var yahoo = FakeYahooServer.Start(request => request.Path.EndsWith("/DIVS", StringComparison.Ordinal)
            ? FakeResponse.Fixture("dividends-daily.json")
            : FakeResponse.Fixture("not-found.json") with { Status = 404 });

        var fetch = await Fetch(yahoo.BaseAddress, "NOSUCH", "DIVS", "--from", "2023-11-01", "--to", "2023-11-30");
        var list = await _cli.Trade("data", "list");

        Assert.Equal(1, fetch.ExitCode);
        Assert.Contains("NOSUCH: Yahoo Finance has no data for NOSUCH", fetch.Error, StringComparison.Ordinal);
        Assert.Contains("error: 1 of 2 symbols failed; the others were stored", fetch.Error, StringComparison.Ordinal);
        Assert.Matches(@"DIVS\s+1d", list.Output);
    }

    [Fact]
    public async Task Without_a_reachable_provider_the_command_fails_fast_with_one_clear_line()
    {
        var stopwatch = Stopwatch.StartNew();

        var fetch = await Fetch(new Uri("http://no-such-host.invalid/"), "AAPL", "--from", "2023-11-01", "--to", "2023-11-30");

        Assert.Equal(1, fetch.ExitCode);
        Assert.Contains("AAPL: Yahoo Finance could not be reached", fetch.Error, StringComparison.Ordinal);
        Assert.EndsWith("error: no symbol could be fetched (1 of 1 failed)", fetch.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("AAPL'; DROP TABLE bars;--")]
    [InlineData("../../etc/passwd")]
    public async Task Odd_symbols_are_refused_before_any_request(string symbol)
    {
        await using var yahoo = FakeYahooServer.Always(FakeResponse.Fixture("dividends-daily.json"));

        var fetch = await Fetch(yahoo.BaseAddress, symbol);

        Assert.Equal(1, fetch.ExitCode);
        Assert.Equal(0, yahoo.RequestCount);
        Assert.Contains("is not a valid symbol", fetch.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Yahoo:AttemptTimeout", "abc", "error: Yahoo:AttemptTimeout must be a duration as [d.]hh:mm:ss, like 00:00:30; got 'abc'")]
    [InlineData("Yahoo:MaxRetries", "1000", "error: Yahoo:MaxRetries must be between 0 and 100; got 1000.")]
    public async Task A_bad_yahoo_setting_is_one_line_naming_the_key_before_any_request(string key, string value, string expected)
    {
        await using var yahoo = FakeYahooServer.Always(FakeResponse.Fixture("dividends-daily.json"));

        var fetch = await _cli.TradeWith(new Dictionary<string, string?> { ["Yahoo:BaseAddress"] = yahoo.BaseAddress.ToString(), [key] = value }, ["data", "fetch", "AAPL"]);

        Assert.Equal(1, fetch.ExitCode);
        Assert.Equal(0, yahoo.RequestCount);
        Assert.Equal(expected, Assert.Single(fetch.Error.TrimEnd().Split('\n')));
    }
}
