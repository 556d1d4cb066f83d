using System.Text.Json;
using Trading.Backtesting;
using Trading.Backtesting.Reports;
using static Trading.Tests.Accounting.Performance.Curves;

namespace Trading.Tests.Backtesting.Reports;

/// <summary>The <c>metrics</c> object of the JSON report: each name says what the number measures.</summary>
public sealed class JsonReportMetricsTests
{
    private static JsonElement MetricsOf(BacktestResult result)
    {
        using var stream = new MemoryStream();
        JsonReport.Write(result, stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.GetProperty("metrics").Clone();
    }

    [Fact]
    public void Drawdown_metrics_name_the_maximum_drawdowns_own_length_apart_from_the_longest_time_under_water()
    {
        // Daily: peak 120 on Jan 2, trough 90 on Jan 3 (-25%), back to 120 on Jan 5: 3 trading days.
        // Then peak 130 on Jan 6 and 117 to the end on Jan 12: 6 calendar days under water, the longest.
        var metrics = MetricsOf(SampleResults.With(Daily(100, 120, 90, 96, 120, 130, 117, 118, 119, 120, 121, 122)));

        Assert.Equal(0.25, metrics.GetProperty("max_drawdown").GetDouble(), 12);
        Assert.Equal("2024-01-02", metrics.GetProperty("max_drawdown_peak").GetString());
        Assert.Equal("2024-01-03", metrics.GetProperty("max_drawdown_trough").GetString());
        Assert.Equal("2024-01-05", metrics.GetProperty("max_drawdown_recovery").GetString());
        Assert.True(metrics.GetProperty("max_drawdown_recovered").GetBoolean());
        Assert.Equal(3, metrics.GetProperty("max_drawdown_trading_days").GetInt32());
        Assert.Equal(6, metrics.GetProperty("longest_drawdown_days").GetDouble());
        Assert.False(metrics.TryGetProperty("max_drawdown_days", out _));
    }

    [Fact]
    public void A_maximum_drawdown_not_recovered_has_no_recovery_date()
    {
        var metrics = MetricsOf(SampleResults.With(Daily(100, 80, 90, 95)));

        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("max_drawdown_recovery").ValueKind);
        Assert.False(metrics.GetProperty("max_drawdown_recovered").GetBoolean());
        Assert.Equal(3, metrics.GetProperty("max_drawdown_trading_days").GetInt32());
    }

    [Fact]
    public void Without_a_round_trip_win_rate_profit_factor_and_expectancy_are_null()
    {
        var metrics = MetricsOf(SampleResults.With(Daily(100, 101, 102)));

        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("win_rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("profit_factor").ValueKind);
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("expectancy").ValueKind);
        Assert.Equal(0, metrics.GetProperty("trade_count").GetInt32());
    }
}
