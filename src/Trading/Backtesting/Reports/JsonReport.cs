using System.Text.Json;
using Trading.Domain;

namespace Trading.Backtesting.Reports;

/// <summary>A backtest's results as JSON with snake_case names: what <c>trade backtest --json</c> writes and what
/// the HTTP API will return. Money is written as exact decimals, times as ISO-8601 (dates for daily bars).</summary>
public static class JsonReport
{
    public static void Write(BacktestResult result, Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        var interval = result.Interval;
        json.WriteStartObject();
        json.WriteString("strategy", result.Strategy);
        WriteParameters(json, result);
        json.WriteStartArray("symbols");
        foreach (var symbol in result.Symbols)
        {
            json.WriteStringValue(symbol.Value);
        }

        json.WriteEndArray();
        json.WriteString("start", interval.Format(result.Start));
        json.WriteString("end", interval.Format(result.End));
        json.WriteNumber("initial_cash", result.InitialCash);
        json.WriteNumber("final_equity", result.FinalEquity);
        json.WriteNumber("final_cash", result.FinalCash);
        WriteMetrics(json, result);
        if (result.Config is { } config)
        {
            // What ran, as a run config: `trade backtest --config` this file runs it again.
            json.WritePropertyName("config");
            Config.RunConfigJson.Write(json, config);
        }

        json.WriteStartArray("trades");
        foreach (var trade in result.Trades)
        {
            json.WriteStartObject();
            json.WriteString("symbol", trade.Symbol.Value);
            json.WriteString("side", trade.Side == Accounting.PositionSide.Long ? "long" : "short");
            json.WriteString("entry_date", interval.Format(trade.EntryTime));
            json.WriteString("exit_date", interval.Format(trade.ExitTime));
            json.WriteNumber("quantity", trade.Quantity);
            json.WriteNumber("entry_price", trade.EntryPrice);
            json.WriteNumber("exit_price", trade.ExitPrice);
            json.WriteNumber("commission", trade.Commission);
            json.WriteNumber("pnl", trade.ProfitAndLoss);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("fills");
        foreach (var fill in result.Fills)
        {
            json.WriteStartObject();
            json.WriteString("date", interval.Format(fill.Time));
            json.WriteString("symbol", fill.Symbol.Value);
            json.WriteString("side", fill.Side == OrderSide.Buy ? "buy" : "sell");
            json.WriteNumber("quantity", fill.Quantity);
            json.WriteNumber("price", fill.Price);
            json.WriteNumber("commission", fill.Commission);
            json.WriteNumber("order_id", fill.OrderId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("orders");
        foreach (var order in result.Orders)
        {
            var request = order.Request;
            json.WriteStartObject();
            json.WriteNumber("id", order.Id);
            json.WriteString("date", interval.Format(order.SubmittedAt));
            json.WriteString("symbol", request.Symbol.Value);
            json.WriteString("side", request.Side == OrderSide.Buy ? "buy" : "sell");
            json.WriteString("type", SnakeCase(request.Type.ToString()));
            json.WriteString("time_in_force", request.TimeInForce == TimeInForce.Day ? "day" : "gtc");
            json.WriteNumber("quantity", request.Quantity);
            if (request.LimitPrice is { } limit)
            {
                json.WriteNumber("limit_price", limit);
            }

            if (request.StopPrice is { } stop)
            {
                json.WriteNumber("stop_price", stop);
            }

            json.WriteString("status", SnakeCase(order.Status.ToString()));
            json.WriteNumber("filled_quantity", order.FilledQuantity);
            json.WriteNumber("average_fill_price", order.AverageFillPrice);
            if (order.Reason is { } reason)
            {
                json.WriteString("reason", reason);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("equity_curve");
        var drawdown = Accounting.Drawdown.Series(result.EquityCurve);
        for (var i = 0; i < result.EquityCurve.Count; i++)
        {
            var point = result.EquityCurve[i];
            json.WriteStartObject();
            json.WriteString("date", interval.Format(point.Time));
            json.WriteNumber("equity", Math.Round(point.Equity, 2));
            json.WriteNumber("cash", Math.Round(point.Cash, 2));
            json.WriteNumber("drawdown", Math.Round(drawdown[i], 6));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteRebalances(json, result);
        json.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The parameters as their schema types them (<c>"lookback_period": 120</c>, as
    /// <c>strategy_parameters</c> writes them), then, when known, where each came from.</summary>
    private static void WriteParameters(Utf8JsonWriter json, BacktestResult result)
    {
        json.WriteStartObject("parameters");
        foreach (var (name, value) in result.Parameters)
        {
            json.WritePropertyName(name);
            ParameterJson.WriteValue(json, value);
        }

        json.WriteEndObject();
        if (result.ParameterSources is { } sources)
        {
            json.WriteStartObject("parameter_sources");
            foreach (var (name, source) in sources)
            {
                json.WriteString(name, SnakeCase(source.ToString()));
            }

            json.WriteEndObject();
        }
    }

    /// <summary>Each rebalance, reconciled: desired versus actual per symbol, with the outcome and its reason.</summary>
    private static void WriteRebalances(Utf8JsonWriter json, BacktestResult result)
    {
        json.WriteStartArray("rebalances");
        foreach (var rebalance in result.Rebalances)
        {
            json.WriteStartObject();
            json.WriteString("date", result.Interval.Format(rebalance.Time));
            json.WriteNumber("equity", Math.Round(rebalance.Equity, 2));
            json.WriteNumber("shortfalls", rebalance.Shortfalls);
            json.WriteStartArray("notes");
            foreach (var note in rebalance.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteStartArray("lines");
            foreach (var line in rebalance.Lines)
            {
                json.WriteStartObject();
                json.WriteString("symbol", line.Symbol.Value);
                json.WriteNumber("before", line.Before);
                json.WriteNumber("desired", line.Desired);
                json.WriteNumber("ordered", line.Ordered);
                json.WriteNumber("filled", line.Filled);
                json.WriteNumber("after", line.After);
                json.WriteString("outcome", SnakeCase(line.Outcome.ToString()));
                if (line.Reason is { } reason)
                {
                    json.WriteString("reason", reason);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static void WriteMetrics(Utf8JsonWriter json, BacktestResult result)
    {
        var m = result.Metrics;
        json.WriteStartObject("metrics");
        Number(json, "total_return", m.TotalReturn);
        Number(json, "cagr", m.Cagr);
        Number(json, "annual_volatility", m.AnnualVolatility);
        Number(json, "sharpe", m.Sharpe);
        Number(json, "sortino", m.Sortino);
        Number(json, "calmar", m.Calmar);
        Number(json, "max_drawdown", m.MaxDrawdown);
        Time(json, "max_drawdown_peak", m.MaxDrawdownPeak, result.Interval);
        Time(json, "max_drawdown_trough", m.MaxDrawdownTrough, result.Interval);
        Time(json, "max_drawdown_recovery", m.MaxDrawdownRecovery, result.Interval);
        json.WriteBoolean("max_drawdown_recovered", m.MaxDrawdownRecovered);
        json.WriteNumber("max_drawdown_trading_days", m.MaxDrawdownTradingDays);
        json.WriteNumber("longest_drawdown_days", Math.Round(m.LongestDrawdown.TotalDays, 2));
        if (m.Alpha is { } alpha)
        {
            Number(json, "alpha", alpha);
        }

        if (m.Beta is { } beta)
        {
            Number(json, "beta", beta);
        }

        Number(json, "win_rate", m.WinRate);
        Number(json, "profit_factor", m.ProfitFactor);
        if (m.Expectancy is { } expectancy)
        {
            json.WriteNumber("expectancy", expectancy);
        }
        else
        {
            json.WriteNull("expectancy");
        }

        Number(json, "exposure", m.Exposure);
        Number(json, "turnover", m.Turnover);
        json.WriteNumber("trade_count", m.TradeCount);
        json.WriteNumber("commissions_paid", m.CommissionsPaid);
        Number(json, "risk_free_rate", m.RiskFreeRate);
        json.WriteEndObject();
    }

    /// <summary>A metric that is undefined (a win rate with no round trip) is null; so is one that is infinite,
    /// since JSON has no infinity (a profit factor with no losing trade, where the win rate is 1).</summary>
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Time(Utf8JsonWriter json, string name, DateTime? time, Interval interval)
    {
        if (time is { } value)
        {
            json.WriteString(name, interval.Format(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
