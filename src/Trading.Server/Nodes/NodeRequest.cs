using System.Globalization;
using System.Text.Json;
using Trading.Domain;
using Trading.Nodes;
using Trading.Risk;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Strategies;

namespace Trading.Server.Nodes;

/// <summary>The body of <c>POST /api/v1/nodes</c>: a node's definition in the API's snake_case.</summary>
internal sealed record NodeRequest(
    string? Id,
    string? Strategy,
    Dictionary<string, JsonElement>? Parameters,
    string[]? Symbols,
    string? MarketIndex,
    string? Interval,
    string? Feed,
    string? From,
    string? To,
    double? Speed,
    decimal? InitialCash,
    decimal? CommissionRate,
    decimal? SlippageBps,
    RiskLimits? Risk)
{
    /// <summary>The definition, or null with the reasons in <paramref name="errors"/>; the strategy is one of
    /// <paramref name="strategies"/> (the built-ins and the server's strategy files).</summary>
    public NodeDefinition? ToDefinition(StrategyRegistry strategies, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Strategy))
        {
            errors.Add("strategy", "a node runs a strategy: give its name (momentum, sma_cross, ...)");
        }
        else if (!strategies.TryFind(Strategy.Trim(), out _))
        {
            errors.Add("strategy", $"no strategy named '{BarRange.Shorten(Strategy)}'; the strategies are {string.Join(", ", strategies.All.Select(d => d.Name))}");
        }

        if (Symbols is not { Length: > 0 })
        {
            errors.Add("symbols", "a node trades at least one symbol");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Parameters ?? [])
        {
            var text = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.String => value.GetString(),
                _ => null,
            };
            if (text is null)
            {
                errors.Add($"parameters.{name}", "a parameter is a number, a boolean or a string");
            }
            else
            {
                parameters[name] = text;
            }
        }

        var from = Day(From, "from", errors);
        var to = Day(To, "to", errors);
        if (errors.Any)
        {
            return null;
        }

        var definition = new NodeDefinition
        {
            Id = string.IsNullOrWhiteSpace(Id) ? $"{Strategy!.Trim()}-{Guid.NewGuid().ToString("N")[..8]}" : Id.Trim(),
            Strategy = Strategy!.Trim(),
            Parameters = parameters,
            Symbols = [.. Symbols!.Select(s => s?.Trim().ToUpperInvariant() ?? string.Empty)],
            MarketIndex = string.IsNullOrWhiteSpace(MarketIndex) ? null : MarketIndex.Trim(),
            Interval = Interval ?? Domain.Interval.Daily.Code,
            Feed = Feed ?? "replay",
            From = from,
            To = to,
            Speed = Speed ?? 0,
            InitialCash = InitialCash ?? 100_000m,
            CommissionRate = CommissionRate ?? 0m,
            SlippageBps = SlippageBps ?? 0m,
            Risk = Risk ?? RiskLimits.None,
        };
        if (definition.Problem() is { } problem)
        {
            var field = problem.Split(' ')[0].TrimEnd(':') switch
            {
                "a" when problem.Contains("node id", StringComparison.Ordinal) => "id",
                var word when word is "symbols" or "market_index" or "interval" or "feed" or "to" or "speed" or "initial_cash" or "commission_rate" or "slippage_bps" or "risk" => word,
                _ => "body",
            };
            errors.Add(field, problem);
            return null;
        }

        return definition;
    }

    private static DateOnly? Day(string? text, string field, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && BarRule.IsSupportedDate(day))
        {
            return day;
        }

        errors.Add(field, $"'{BarRange.Shorten(text)}' is not a date (yyyy-MM-dd, 1900 to 2199)");
        return null;
    }
}
