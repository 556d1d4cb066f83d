using System.Text.Json;
using System.Text.Json.Serialization;
using Trading.Domain;
using Trading.Risk;

namespace Trading.Nodes;

/// <summary>What a trading node runs: a strategy with its parameters over a universe, fed by a feed, trading on a
/// venue within risk limits. Stored with the node so that it can be started again after a restart exactly as it was.</summary>
public sealed record NodeDefinition
{
    /// <summary>The strategy of a node traded by hand: orders come only as commands, and a symbol is stepped from its
    /// first order on (nothing else reads its bars).</summary>
    public const string Manual = "manual";

    /// <summary>The node's name: 1 to 64 letters, digits, '-' or '_'.</summary>
    public required string Id { get; init; }

    public required string Strategy { get; init; }

    /// <summary>The user's strategy file (<c>.cs</c>) or assembly (<c>.dll</c>) the strategy comes from, as a full
    /// path; null for a built-in.</summary>
    public string? StrategyFile { get; init; }

    /// <summary>SHA-256 of <see cref="StrategyFile"/> when the node was made: a restart with other code is refused
    /// rather than replaying the journal with a strategy that would decide differently.</summary>
    public string? StrategyFileSha256 { get; init; }

    /// <summary>Parameters as text, by the strategy's schema (the command line's --set, the API's parameters).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>The market index the strategy may read (momentum's regime filter); not traded.</summary>
    public string? MarketIndex { get; init; }

    public string Interval { get; init; } = Domain.Interval.Daily.Code;

    /// <summary><c>replay</c> (stored bars, the offline default) or <c>yahoo</c> (polling the latest bars).</summary>
    public string Feed { get; init; } = "replay";

    /// <summary>The first bar day the feed delivers: a replay's (default: the first stored); a yahoo feed catches up
    /// from it on the bars Yahoo still has (default: it starts after the latest complete bar).</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last bar day a replay delivers (default: the last stored).</summary>
    public DateOnly? To { get; init; }

    /// <summary>Replay pace: 0 as fast as possible, N seconds of market time per second.</summary>
    public double Speed { get; init; }

    public decimal InitialCash { get; init; } = 100_000m;

    /// <summary>Commission as a fraction of traded value (0.001 is 0.1%).</summary>
    public decimal CommissionRate { get; init; }

    /// <summary>Slippage in basis points of the price.</summary>
    public decimal SlippageBps { get; init; }

    public RiskLimits Risk { get; init; } = RiskLimits.None;

    /// <summary>The symbols, parsed.</summary>
    [JsonIgnore]
    public IReadOnlyList<Symbol> Universe => [.. Symbols.Select(Symbol.Parse)];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>What is wrong with this definition, or null. Checked before anything is stored or started.</summary>
    public string? Problem() => Problem(systemId: false);

    /// <summary>As <see cref="Problem()"/>; <paramref name="systemId"/> also admits an id of the system's own
    /// ('_' and a node id), which no person can give.</summary>
    internal string? Problem(bool systemId)
    {
        if (!IsNodeId(Id) && !(systemId && Id is ['_', .. var rest] && IsNodeId(rest)))
        {
            return $"a node id is 1 to 64 letters, digits, '-' or '_', beginning with a letter or digit; got '{Id}'";
        }

        if (Symbols is null || (Symbols.Count == 0 && Strategy != Manual))
        {
            return "a node needs at least one symbol";
        }

        foreach (var symbol in Symbols)
        {
            if (!Symbol.TryParse(symbol, out _, out var error))
            {
                return $"symbols: {error}";
            }
        }

        if (Symbols.Distinct(StringComparer.Ordinal).Count() != Symbols.Count)
        {
            return "a symbol is in the universe twice";
        }

        if (MarketIndex is { } index && !Symbol.TryParse(index, out _, out var indexError))
        {
            return $"market_index: {indexError}";
        }

        if (!Domain.Interval.TryParse(Interval, out _))
        {
            return $"interval must be one of 1m, 5m, 15m, 30m, 1h, 1d; got '{Interval}'";
        }

        if (Feed is not ("replay" or "yahoo"))
        {
            return $"feed must be replay or yahoo; got '{Feed}'";
        }

        if (From is { } from && To is { } to && to < from)
        {
            return $"to ({to:yyyy-MM-dd}) is before from ({from:yyyy-MM-dd})";
        }

        if (!double.IsFinite(Speed) || Speed < 0 || Speed > 1e9)
        {
            return $"speed is 0 (as fast as possible) or market seconds per second up to 1e9; got {Speed}";
        }

        if (InitialCash is <= 0 or > 1_000_000_000_000m)
        {
            return $"initial_cash must be above 0 and at most 1e12; got {InitialCash}";
        }

        if (CommissionRate is < 0 or >= 1)
        {
            return $"commission_rate is a fraction from 0 to below 1; got {CommissionRate}";
        }

        if (SlippageBps is < 0 or > 10_000)
        {
            return $"slippage_bps is 0 to 10,000; got {SlippageBps}";
        }

        return Risk.Problems() is [var first, ..] ? $"risk: {first}" : null;
    }

    /// <summary>Whether <paramref name="id"/> can name a node: 1 to 64 letters, digits, '-' or '_', beginning with a
    /// letter or digit (a leading '_' names the system's own journals, such as the paper account's).</summary>
    public static bool IsNodeId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="JsonException">Not a node definition.</exception>
    public static NodeDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<NodeDefinition>(json, Json) ?? throw new JsonException("A node definition is a JSON object; got null.");
}
