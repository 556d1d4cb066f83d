using System.Text.Json;
using Trading.Risk;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>Validation of <see cref="RiskLimits"/>, naming each bad field as its JSON form spells it, and that form.</summary>
public sealed class RiskLimitsTests
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void Usable_limits_and_no_limits_have_no_problems()
    {
        Assert.Empty(RiskLimits.None.Problems());
        Assert.Empty(new RiskLimits
        {
            MaxOrderValue = 0.01m,
            MaxPositionValue = RiskLimits.LargestAmount,
            MaxGrossExposure = 1_000_000m,
            DailyLossLimit = 5_000m,
            MaxOrdersPerWindow = 1,
            RateWindowSeconds = 86_400,
        }.Problems());
    }

    [Theory]
    [InlineData(-1, "must be above 0 (leave it out for no limit); got -1")]
    [InlineData(0, "must be above 0 (leave it out for no limit); got 0")]
    [InlineData(1e16, "must be at most 1,000,000,000,000,000 (leave it out for no limit); got 10000000000000000")]
    public void Each_money_limit_is_named_when_it_is_not_positive_or_absurd(double amount, string problem)
    {
        var value = (decimal)amount;
        var limits = new RiskLimits { MaxOrderValue = value, MaxPositionValue = value, MaxGrossExposure = value, DailyLossLimit = value };

        Assert.Equal(
            [$"max_order_value {problem}", $"max_position_value {problem}", $"max_gross_exposure {problem}", $"daily_loss_limit {problem}"],
            limits.Problems());
    }

    [Theory]
    [InlineData(0, 60, "max_orders_per_window must be from 1 to 100,000 (leave it out for no limit); got 0")]
    [InlineData(100_001, 60, "max_orders_per_window must be from 1 to 100,000 (leave it out for no limit); got 100001")]
    [InlineData(5, 0, "rate_window_seconds must be from 1 to 86,400 (a day); got 0")]
    [InlineData(5, -60, "rate_window_seconds must be from 1 to 86,400 (a day); got -60")]
    [InlineData(5, 86_401, "rate_window_seconds must be from 1 to 86,400 (a day); got 86401")]
    public void The_order_rate_needs_a_count_and_a_window_of_sensible_size(int count, int seconds, string problem)
    {
        Assert.Equal([problem], new RiskLimits { MaxOrdersPerWindow = count, RateWindowSeconds = seconds }.Problems());
    }

    [Fact]
    public void Pre_trade_risk_refuses_unusable_limits_listing_every_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => NewRisk(new RiskLimits { MaxOrderValue = -5m, MaxOrdersPerWindow = 0 }));

        Assert.Equal(
            "The risk limits are not usable: max_order_value must be above 0 (leave it out for no limit); got -5; max_orders_per_window must be from 1 to 100,000 (leave it out for no limit); got 0.",
            error.Message);
    }

    [Fact]
    public void The_json_form_uses_snake_case_names_and_leaves_out_limits_as_no_limit()
    {
        const string Json = """{"max_order_value": 10000, "daily_loss_limit": 2500.50, "max_orders_per_window": 5}""";

        var limits = JsonSerializer.Deserialize<RiskLimits>(Json, SnakeCase)!;

        Assert.Equal(new RiskLimits { MaxOrderValue = 10_000m, DailyLossLimit = 2_500.50m, MaxOrdersPerWindow = 5 }, limits);
        Assert.Equal(60, limits.RateWindowSeconds);
        Assert.Null(limits.MaxGrossExposure);
        var written = JsonSerializer.Serialize(limits, SnakeCase);
        Assert.Equal(
            """{"max_order_value":10000,"max_position_value":null,"max_gross_exposure":null,"daily_loss_limit":2500.50,"max_orders_per_window":5,"rate_window_seconds":60}""",
            written);
        Assert.Equal(limits, JsonSerializer.Deserialize<RiskLimits>(written, SnakeCase));
    }
}
