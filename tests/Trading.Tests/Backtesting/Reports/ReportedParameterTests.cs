using System.Text.Json;
using Trading.Backtesting;
using Trading.Backtesting.Reports;
using Trading.Domain;
using Trading.Strategies;

namespace Trading.Tests.Backtesting.Reports;

/// <summary>A run's parameters are reported as their schema types them: numbers as numbers, booleans as booleans,
/// text as strings, as <c>strategy_parameters</c> writes them, never "120".</summary>
public sealed class ReportedParameterTests
{
    private sealed class Idle : IStrategy
    {
        public void Initialize(IStrategyContext context)
        {
        }

        public void OnBar(IStrategyContext context, int symbol)
        {
        }
    }

    private static readonly StrategyDefinition Typed = new(
        "typed",
        "one parameter of each type",
        [
            StrategyParameter.Integer("lookback_period", 90, 2, 1000, "bars"),
            StrategyParameter.Decimal("top_percentage", 0.2m, 0m, 1m, "fraction"),
            StrategyParameter.Boolean("long_only", true, "no shorts"),
            StrategyParameter.Text("rebalance", "weekly", "schedule"),
        ],
        _ => new Idle());

    private static BacktestResult Run(StrategyParameters parameters)
    {
        var day = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var bars = BarSeries.FromBars(Symbol.Parse("AAA"), Interval.Daily, [new Bar(day, 10, 11, 9, 10, 1000), new Bar(day.AddDays(1), 10, 11, 9, 10, 1000)]);
        return BacktestEngine.Run(Typed.Name, Typed.Create(parameters), parameters, new BacktestInput([bars], []), new BacktestSettings());
    }

    private static JsonElement Json(BacktestResult result)
    {
        using var stream = new MemoryStream();
        JsonReport.Write(result, stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void The_json_writes_each_parameter_as_its_schema_types_it()
    {
        var parameters = Typed.Bind(new Dictionary<string, string> { ["lookback_period"] = "120", ["top_percentage"] = "0.3", ["long_only"] = "false" });

        var json = Json(Run(parameters)).GetProperty("parameters");

        Assert.Equal(JsonValueKind.Number, json.GetProperty("lookback_period").ValueKind);
        Assert.Equal(120, json.GetProperty("lookback_period").GetInt32());
        Assert.Equal(0.3m, json.GetProperty("top_percentage").GetDecimal());
        Assert.Equal(JsonValueKind.False, json.GetProperty("long_only").ValueKind);
        Assert.Equal("weekly", json.GetProperty("rebalance").GetString());
    }

    [Fact]
    public void The_json_says_where_each_parameter_came_from_when_the_run_knows()
    {
        var chosen = ConfiguredParameters.Resolve(Typed, new Dictionary<string, string> { ["lookback_period"] = "120" }, new Dictionary<string, string> { ["long_only"] = "false" });
        var result = Run(chosen.Parameters) with { ParameterSources = chosen.Sources };

        var sources = Json(result).GetProperty("parameter_sources");
        var withoutSources = Json(Run(chosen.Parameters));

        Assert.Equal("stored", sources.GetProperty("lookback_period").GetString());
        Assert.Equal("override", sources.GetProperty("long_only").GetString());
        Assert.Equal("default", sources.GetProperty("top_percentage").GetString());
        Assert.False(withoutSources.TryGetProperty("parameter_sources", out _));
    }

    [Fact]
    public void The_html_report_shows_values_as_a_user_types_them_with_their_source()
    {
        var chosen = ConfiguredParameters.Resolve(Typed, new Dictionary<string, string> { ["top_percentage"] = "0.30" }, new Dictionary<string, string> { ["long_only"] = "no" });
        var result = Run(chosen.Parameters) with { ParameterSources = chosen.Sources };
        using var writer = new StringWriter();

        HtmlReport.Write(result, writer);
        var html = writer.ToString();

        Assert.Contains("<b>long_only</b> false <i>set for this run</i>", html, StringComparison.Ordinal);
        Assert.Contains("<b>top_percentage</b> 0.3 <i>stored</i>", html, StringComparison.Ordinal);
        Assert.Contains("<b>lookback_period</b> 90 <i>default</i>", html, StringComparison.Ordinal);
    }
}
