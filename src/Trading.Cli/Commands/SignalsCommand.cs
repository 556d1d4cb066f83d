using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Trading.Data;
using Trading.Domain;
using Trading.Strategies;
using Trading.Strategies.Momentum;

namespace Trading.Cli.Commands;

/// <summary><c>trade signals --strategy momentum (--symbols A,B | --universe FILE) [--index ^GSPC] [--date D] [--json]</c>.</summary>
internal static class SignalsCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static Command Create(CliContext context)
    {
        var strategy = new StrategyChoice("Strategy that ranks: momentum.", MomentumStrategy.Name);
        var symbols = new Option<string[]>("--symbols") { Description = "Stored symbols to rank (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
        var universe = new Option<FileInfo?>("--universe") { Description = "Rank the stored symbols listed in this file (one per line or comma-separated)." };
        var index = new Option<string?>("--index") { Description = "Market index for the regime filter (stored, e.g. ^GSPC). Without it the filter is off." };
        var date = CliOptions.Date("--date", "Decide as of this date (default: the latest stored bar)");
        var from = CliOptions.Date("--from", "Read no bars before this date (default: all stored history)");
        var interval = CliOptions.Interval();
        var set = new Option<string[]>("--set") { Description = "Strategy parameter as name=value: --set lookback_period=120 --set top_percentage=0.3." };
        var equity = CliOptions.Cash("--equity", "Account size for the suggested shares (equity × risk_factor / ATR).");
        var json = new Option<bool>("--json") { Description = "Write the original's {\"signals\": [...]} JSON to standard output instead of a table." };
        var command = new Command("signals", "Rank stored symbols with a strategy and print BUY / HOLD / SELL signals with their reasons.");
        strategy.AddTo(command);
        foreach (var option in new Option[] { symbols, universe, index, date, from, interval, set, equity, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var choice = strategy.Resolve(context, parsed);
            var definition = choice.Definition;
            if (choice.Source is not null || definition.Name != MomentumStrategy.Name)
            {
                throw new CliException($"{choice} trades symbol by symbol and does not rank; signals come from: {MomentumStrategy.Name}");
            }

            var overrides = BacktestCommand.ParseSettings(parsed.GetValue(set) ?? []);
            var wanted = UniverseFile.Combine(parsed.GetValue(symbols), parsed.GetValue(universe)) is { Length: > 0 } listed
                ? CliOptions.ParseSymbols(listed)
                : throw new CliException("give the symbols to rank: --symbols A,B or --universe FILE");
            var indexSymbol = parsed.GetValue(index) is { } indexText ? Symbol.Parse(indexText) : (Symbol?)null;
            var barInterval = CliOptions.ParseInterval(parsed.GetValue(interval));
            var (start, asOf) = CliOptions.ParseRange(parsed.GetValue(from), parsed.GetValue(date));
            var accountSize = parsed.GetValue(equity);

            using var store = context.OpenExistingStore(parsed);
            var chosen = await BacktestCommand.ChooseParametersAsync(store, definition, overrides, cancellationToken).ConfigureAwait(false);
            var parameters = MomentumParameters.From(chosen.Parameters);

            // A mistyped ticker is an error, not a SELL for "not enough history: 0 bars".
            var stored = await store.RequireStoredAsync(wanted, barInterval, cancellationToken).ConfigureAwait(false);
            if (indexSymbol is { } indexToRead)
            {
                await store.RequireStoredAsync([indexToRead], barInterval, cancellationToken, "the market index ").ConfigureAwait(false);
            }

            var lastBar = stored.Max(s => s.Last);
            if (asOf is { } day && day > lastBar)
            {
                context.Error.WriteLine($"warning: --date {parsed.GetValue(date)} is after the last stored bar of these symbols, {barInterval.Format(lastBar)}: the ranking is as of that bar");
            }

            if (chosen.StoredSetAside is { } reason)
            {
                context.Error.WriteLine($"warning: {BacktestCommand.StoredSetAsideWarning(definition, reason)}");
            }

            MomentumRanking ranking;
            try
            {
                ranking = await MomentumSignals.GenerateAsync(store, wanted, indexSymbol, barInterval, start, asOf, parameters.Ranking, cancellationToken).ConfigureAwait(false);
            }
            catch (MarketDataNotFoundException e)
            {
                throw new CliException($"{e.Message} in {store}; run 'trade data import', 'trade data fetch' or 'trade data synth' first");
            }

            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(ToJson(ranking, barInterval, chosen));
                return 0;
            }

            ParameterProvenance.Write(context.Console, chosen.Parameters.Values, chosen.Sources);
            WriteTable(context, ranking, parameters.Ranking, accountSize);
            return 0;
        });
        return command;
    }

    /// <summary>The original's <c>{"signals": [...]}</c> with the run's parameters (typed, as
    /// <c>strategy_parameters</c> writes them) and where each came from beside it.</summary>
    private static string ToJson(MomentumRanking ranking, Interval interval, ConfiguredParameters chosen)
    {
        var document = JsonSerializer.SerializeToNode(SignalList.Of(ranking, interval), Json)!.AsObject();
        document["parameters"] = JsonSerializer.SerializeToNode(chosen.Parameters.Values, Json);
        var sources = new JsonObject();
        foreach (var (name, source) in chosen.Sources)
        {
            sources[name] = ParameterProvenance.Name(source);
        }

        document["parameter_sources"] = sources;
        return document.ToJsonString(Json);
    }

    /// <summary>The ranking as a table, best first (the first <paramref name="rows"/> signals when given), under a
    /// line that says the date, the top count and the regime.</summary>
    internal static void WriteTable(CliContext context, MomentumRanking ranking, MomentumSettings settings, decimal equity, int? rows = null)
    {
        var asOf = ranking.AsOf == DateTime.MinValue ? "-" : ranking.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        context.Output.WriteLine($"momentum as of {asOf}: top {ranking.TopCount} of {ranking.Signals.Count} ({settings.TopPercentage.ToString("0.##%", CultureInfo.InvariantCulture)}); {ranking.Regime.Description}");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "rank", "symbol", "signal", "score", "price", "ATR", "shares", "reason" })
        {
            table.AddColumn(column);
        }

        foreach (var signal in ranking.Signals.Take(rows ?? int.MaxValue))
        {
            var shares = signal.RiskUnit > 0 ? Math.Floor(equity * (decimal)settings.RiskFactor / (decimal)signal.RiskUnit) : 0m;
            table.AddRow(
                signal.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(signal.Symbol.Value),
                signal.Action.ToString().ToUpperInvariant(),
                Number(signal.MomentumScore, "0.000"),
                Number(signal.CurrentPrice, "0.00"),
                Number(signal.RiskUnit, "0.00"),
                signal.Action == SignalAction.Buy ? shares.ToString("N0", CultureInfo.InvariantCulture) : string.Empty,
                Markup.Escape(signal.Reason ?? string.Empty));
        }

        context.Console.Write(table);
    }

    private static string Number(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
