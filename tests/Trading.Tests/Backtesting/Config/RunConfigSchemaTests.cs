using System.Text.Json;
using Json.Schema;
using Trading.Backtesting.Config;

namespace Trading.Tests.Backtesting.Config;

/// <summary>docs/run-config.schema.json and the run config's reader agree: the same properties, the same models with
/// the same numbers and bounds, and what the reader accepts (a recorded config included) validates, while what it
/// refuses does not.</summary>
public sealed class RunConfigSchemaTests
{
    private static readonly string SchemaText = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "run-config.schema.json"));

    private static JsonElement Schema => JsonDocument.Parse(SchemaText).RootElement;

    // Parsed once: the library registers a schema by its $id, and refuses to register it twice.
    private static readonly JsonSchema Validator = JsonSchema.FromText(SchemaText);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Trading.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Trading.slnx above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void The_schema_lists_exactly_the_properties_the_reader_knows()
    {
        var properties = Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(RunConfigReader.PropertyNames.Order(StringComparer.Ordinal), properties);
        foreach (var file in new[] { "csv", "parquet" })
        {
            var members = Schema.GetProperty("properties").GetProperty(file).GetProperty("properties");
            Assert.Equal(RunConfigReader.DataFilePropertyNames, members.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Trading.Data.Csv.ColumnMapping.Fields, members.GetProperty("columns").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public void The_schema_s_commission_and_slippage_models_are_the_catalogs_with_the_same_numbers_bounds_and_required_ones()
    {
        AssertModels(Schema.GetProperty("properties").GetProperty("commission"), CommissionModels.Catalog);
        AssertModels(Schema.GetProperty("properties").GetProperty("slippage"), SlippageModels.Catalog);
    }

    [Fact]
    public void The_schema_s_top_level_numbers_have_the_reader_s_bounds()
    {
        foreach (var rule in new[] { RunNumbers.InitialCash, RunNumbers.CommissionRate, RunNumbers.SlippageBps, RunNumbers.MaxVolumeParticipation, RunNumbers.Leverage, RunNumbers.RiskFree })
        {
            // Every top-level member may be null (not given), required or not inside a model.
            AssertBounds(Schema.GetProperty("properties").GetProperty(rule.Name), rule with { Optional = true });
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"$schema\": \"../docs/run-config.schema.json\", \"strategy\": \"sma_cross\", \"parameters\": {\"fast\": 10, \"slow\": 30}, \"symbols\": [\"AAPL\", \"MSFT\"], \"start_date\": \"2020-01-01\", \"end_date\": null, \"interval\": \"1d\", \"benchmark\": \"^GSPC\", \"index\": \"^GSPC\"}")]
    [InlineData("{\"strategy_file\": \"my_breakout.cs\", \"strategy_sha256\": \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\", \"csv\": {\"path\": \"nvda.csv\", \"symbol\": \"NVDA\"}, \"commission\": {\"model\": \"per_share\", \"per_share\": 0.005, \"minimum\": 1, \"maximum\": 0.01}, \"slippage\": {\"model\": \"volume_share\", \"price_impact\": 0.1, \"volume_share_limit\": 0.025}, \"max_volume_participation\": 0.1, \"account\": \"margin\", \"leverage\": 2, \"fill_on_same_bar\": true, \"initial_cash\": 50000, \"risk_free\": 0.02}")]
    [InlineData("{\"commission_rate\": 0.001, \"slippage_bps\": 5, \"commission\": null}")]
    [InlineData("{\"commission\": {\"model\": \"fixed\", \"amount\": 1}, \"slippage\": {\"model\": \"none\"}, \"universe\": \"sp500.txt\"}")]
    [InlineData("{\"commission\": {\"model\": \"percent\", \"rate\": 0.001, \"minimum\": 1}, \"slippage\": {\"model\": \"bps\", \"bps\": 5}, \"strategy_assembly\": \"mine.dll\"}")]
    public void A_config_the_reader_accepts_validates_against_the_schema(string json)
    {
        var problems = new List<string>();
        RunConfigReader.Read(JsonDocument.Parse(json).RootElement, "/tmp", problems);

        Assert.Empty(problems);
        Assert.True(Validates(json), $"the schema refuses {json}");
    }

    [Theory]
    [InlineData("{\"colour\": \"blue\"}")]
    [InlineData("{\"commission\": {\"model\": \"per_share\", \"per_share\": -1}}")]
    [InlineData("{\"commission\": {\"model\": \"per_share\"}}")]
    [InlineData("{\"commission\": {\"model\": \"per_share\", \"per_share\": 0.005, \"min\": 1}}")]
    [InlineData("{\"commission\": {\"model\": \"per_share\", \"per_share\": 0.005, \"maximum\": 2}}")]
    [InlineData("{\"commission\": {\"model\": \"flat\"}}")]
    [InlineData("{\"slippage\": {\"model\": \"bps\", \"bps\": 10000}}")]
    [InlineData("{\"slippage\": {\"model\": \"volume_share\", \"volume_share_limit\": 0}}")]
    [InlineData("{\"max_volume_participation\": 0}")]
    [InlineData("{\"leverage\": 101}")]
    [InlineData("{\"risk_free\": -1}")]
    [InlineData("{\"initial_cash\": 0}")]
    [InlineData("{\"fill_on_same_bar\": \"yes\"}")]
    [InlineData("{\"account\": \"broker\"}")]
    [InlineData("{\"interval\": \"2d\"}")]
    [InlineData("{\"symbols\": []}")]
    [InlineData("{\"start_date\": \"20240101\"}")]
    [InlineData("{\"csv\": {\"symbol\": \"X\"}}")]
    [InlineData("{\"csv\": {\"path\": \"x.csv\", \"columns\": \"a\"}}")]
    [InlineData("{\"csv\": {\"path\": \"x.csv\", \"columns\": {\"when\": \"Timestamp\"}}}")]
    [InlineData("{\"csv\": {\"path\": \"x.csv\", \"columns\": {\"close\": 4}}}")]
    [InlineData("{\"parquet\": {\"path\": \"x.parquet\", \"delimiter\": \";\"}}")]
    [InlineData("{\"parquet\": {\"symbol\": \"X\"}}")]
    [InlineData("{\"strategy_sha256\": \"abc\"}")]
    [InlineData("{\"parameters\": {\"fast\": [1]}}")]
    public void A_config_the_reader_refuses_for_one_value_does_not_validate_either(string json)
    {
        var problems = new List<string>();
        RunConfigReader.Read(JsonDocument.Parse(json).RootElement, "/tmp", problems);

        Assert.NotEmpty(problems);
        Assert.False(Validates(json), $"the schema accepts {json}, which the reader refuses: {problems[0]}");
    }

    [Fact]
    public void A_recorded_config_validates_and_reads_back_to_the_same_json()
    {
        var config = new RunConfig
        {
            Strategy = "sma_cross",
            Parameters = new Dictionary<string, object> { ["fast"] = 2, ["allocation"] = 1.0m, ["exit_on_cross"] = true },
            Csv = new DataFile("/data/abc.csv")
            {
                Symbol = "ABC",
                Format = new Trading.Data.Csv.BarFileFormat { Columns = Trading.Data.Csv.ColumnMapping.Parse("date=Timestamp,close=Last,volume="), DateFormat = "dd/MM/yyyy HH:mm", TimeZone = "America/New_York" },
            },
            Commission = CommissionModels.Catalog.ParseSpec("per_share:0.005,minimum=1", out _),
            Slippage = SlippageModels.Catalog.ParseSpec("volume_share", out _),
            MaxVolumeParticipation = 0.1m,
        }.WithDefaults();
        var json = Write(config);

        Assert.True(Validates(json), json);
        var problems = new List<string>();
        var read = RunConfigReader.Read(JsonDocument.Parse(json).RootElement, "/tmp", problems);
        Assert.Empty(problems);
        Assert.Equal(json, Write(read));
        Assert.Equal("per_share:0.005,minimum=1", read.Commission!.Spec);
        Assert.Null(read.Commission["maximum"]);
    }

    private static string Write(RunConfig config)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            RunConfigJson.Write(writer, config);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static bool Validates(string json) =>
        Validator.Evaluate(JsonDocument.Parse(json).RootElement).IsValid;

    private static void AssertModels<TModel>(JsonElement property, CostModelCatalog<TModel> catalog)
        where TModel : class
    {
        var variants = property.GetProperty("oneOf").EnumerateArray().Where(v => v.TryGetProperty("properties", out _)).ToList();
        Assert.Equal(catalog.Kinds.Select(k => k.Name), variants.Select(v => v.GetProperty("properties").GetProperty("model").GetProperty("const").GetString()));
        foreach (var (kind, variant) in catalog.Kinds.Zip(variants))
        {
            var numbers = variant.GetProperty("properties").EnumerateObject().Where(p => p.Name != "model").ToList();
            Assert.Equal(kind.Numbers.Select(n => n.Name), numbers.Select(n => n.Name));
            Assert.Equal(["model", .. kind.Numbers.Where(n => n.Required).Select(n => n.Name)], variant.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            Assert.False(variant.GetProperty("additionalProperties").GetBoolean());
            foreach (var (number, schema) in kind.Numbers.Zip(numbers))
            {
                AssertBounds(schema.Value, number);
            }
        }
    }

    private static void AssertBounds(JsonElement schema, ModelNumber number)
    {
        Assert.Equal(number.AtLeast, Bound(schema, "minimum"));
        Assert.Equal(number.Above, Bound(schema, "exclusiveMinimum"));
        Assert.Equal(number.AtMost, Bound(schema, "maximum"));
        Assert.Equal(number.Below, Bound(schema, "exclusiveMaximum"));
        var types = schema.GetProperty("type");
        var nullable = types.ValueKind == JsonValueKind.Array && types.EnumerateArray().Any(t => t.GetString() == "null");
        Assert.True(nullable == !number.Required, $"{number.Name}: null is {(nullable ? "allowed" : "refused")} by the schema, but the number is {(number.Required ? "required" : "optional")}");
    }

    private static decimal? Bound(JsonElement schema, string name) => schema.TryGetProperty(name, out var value) ? value.GetDecimal() : null;
}
