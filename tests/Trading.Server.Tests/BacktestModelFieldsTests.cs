using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>The HTTP backtest's model fields: commission and slippage models, the participation cap, same-bar fills
/// and the index reach the engine, the result records the run's config, and that config submitted again is the
/// same run; a bad model number is a problem naming its field.</summary>
public sealed class BacktestModelFieldsTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ServerFactory _factory;
    private readonly HttpClient _client;

    public BacktestModelFieldsTests()
    {
        _factory = new ServerFactory(_database.Path);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _database.Dispose();
    }

    private async Task<JsonElement> RunAsync(HttpContent body)
    {
        using var submitted = await _client.PostAsync("/api/v1/backtests", body);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = JsonDocument.Parse(await _client.GetStringAsync(submitted.Headers.Location)).RootElement.Clone();
            var status = job.GetProperty("status").GetString();
            if (status == "succeeded")
            {
                return JsonDocument.Parse(await _client.GetStringAsync(job.GetProperty("links").GetProperty("result").GetString())).RootElement.Clone();
            }

            Assert.True(status is "queued" or "running" && DateTime.UtcNow < deadline, $"the backtest is {status}: {job}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Model_fields_reach_the_engine_the_result_records_them_and_its_config_runs_again_the_same()
    {
        var result = await RunAsync(JsonContent.Create(new
        {
            strategy = "sma_cross",
            parameters = new { fast = 5, slow = 20 },
            symbols = new[] { "AAPL", "MSFT" },
            start_date = "2022-03-01",
            end_date = "2023-06-30",
            index = "^GSPC",
            commission = new { model = "per_share", per_share = 0.005, minimum = 1, maximum = 0.01 },
            slippage = new { model = "volume_share", price_impact = 0.2, volume_share_limit = 0.5 },
            max_volume_participation = 0.2,
            fill_on_same_bar = true,
            account = "margin",
            leverage = 1.5,
            risk_free = 0.01,
        }));

        var config = result.GetProperty("config");
        Assert.Equal("per_share", config.GetProperty("commission").GetProperty("model").GetString());
        Assert.Equal(0.01m, config.GetProperty("commission").GetProperty("maximum").GetDecimal());
        Assert.Equal(0.5m, config.GetProperty("slippage").GetProperty("volume_share_limit").GetDecimal());
        Assert.Equal(0.2m, config.GetProperty("max_volume_participation").GetDecimal());
        Assert.True(config.GetProperty("fill_on_same_bar").GetBoolean());
        Assert.Equal("^GSPC", config.GetProperty("index").GetString());
        Assert.Equal(["AAPL", "MSFT"], config.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(20, config.GetProperty("parameters").GetProperty("slow").GetInt32());
        var fills = result.GetProperty("fills").EnumerateArray().ToList();
        Assert.NotEmpty(fills);
        foreach (var fill in fills)
        {
            // IB's pricing on each fill: 0.005 a share, at least 1, at most 1% of the fill's value.
            var (quantity, price) = (fill.GetProperty("quantity").GetDecimal(), fill.GetProperty("price").GetDecimal());
            Assert.Equal(Math.Min(Math.Max(0.005m * quantity, 1m), 0.01m * quantity * price), fill.GetProperty("commission").GetDecimal());
        }

        var again = await RunAsync(new StringContent(config.GetRawText(), Encoding.UTF8, "application/json"));

        foreach (var member in new[] { "config", "metrics", "fills", "trades", "final_equity" })
        {
            Assert.Equal(result.GetProperty(member).GetRawText(), again.GetProperty(member).GetRawText());
        }
    }

    [Fact]
    public async Task The_old_shorthand_fields_are_recorded_as_the_models_they_stand_for()
    {
        var result = await RunAsync(JsonContent.Create(new { strategy = "buy_and_hold", symbols = new[] { "AAPL" }, commission_rate = 0.001, slippage_bps = 5 }));

        var config = result.GetProperty("config");
        Assert.Equal("{\"model\":\"percent\",\"rate\":0.001,\"minimum\":0}", config.GetProperty("commission").GetRawText());
        Assert.Equal("{\"model\":\"bps\",\"bps\":5}", config.GetProperty("slippage").GetRawText());
        Assert.Equal("cash", config.GetProperty("account").GetString());
        Assert.Equal(1, config.GetProperty("leverage").GetDecimal());
    }

    [Theory]
    [InlineData("{\"strategy\": \"sma_cross\", \"commission\": {\"model\": \"per_share\", \"per_share\": -1}}", "commission.per_share", "commission.per_share must be a number at least 0 (IB charges 0.005); got -1")]
    [InlineData("{\"strategy\": \"sma_cross\", \"commission\": {\"model\": \"per_share\"}}", "commission.per_share", "commission.per_share is required for a per_share commission")]
    [InlineData("{\"strategy\": \"sma_cross\", \"commission\": {\"model\": \"flat\"}}", "commission.model", "commission.model must be none, percent, per_share or fixed; got 'flat'")]
    [InlineData("{\"strategy\": \"sma_cross\", \"slippage\": {\"model\": \"volume_share\", \"impact\": 0.1}}", "slippage.impact", "slippage.impact is not a number of a volume_share slippage; it takes model, price_impact, volume_share_limit")]
    [InlineData("{\"strategy\": \"sma_cross\", \"slippage\": 5}", "slippage", "slippage must be an object such as {\"model\": \"volume_share\", ...} (models: none, bps or volume_share); got a JSON number")]
    [InlineData("{\"strategy\": \"sma_cross\", \"max_volume_participation\": 1.5}", "max_volume_participation", "max_volume_participation must be a number above 0 and at most 1 (0.1 is 10%); got 1.5")]
    [InlineData("{\"strategy\": \"sma_cross\", \"commission_rate\": 0.001, \"commission\": {\"model\": \"fixed\", \"amount\": 1}}", "commission_rate", "commission_rate is a shorthand for a percent commission; give commission or commission_rate, not both")]
    [InlineData("{\"strategy\": \"sma_cross\", \"strategy_file\": \"/etc/passwd\"}", "strategy_file", "strategy_file names a file, which a request cannot: name a strategy from /api/v1/strategy/strategies and stored symbols instead")]
    [InlineData("{\"strategy\": \"sma_cross\", \"csv\": {\"path\": \"x.csv\"}}", "csv", "csv names a file, which a request cannot: name a strategy from /api/v1/strategy/strategies and stored symbols instead")]
    [InlineData("{\"strategy\": \"sma_cross\", \"index\": \"^GSPC\"}", "index", "the synthetic market's index is ^SYN; got ^GSPC (give symbols to run over stored bars)")]
    public async Task A_bad_model_field_is_a_problem_naming_it(string body, string field, string detail)
    {
        using var response = await _client.PostAsync("/api/v1/backtests", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Contains(detail, problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }
}
