using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Trading.Domain;
using Trading.Indicators;
using Trading.Server.Hosting;

namespace Trading.Server.Data;

/// <summary>The data service: the original's stock and batch routes, and indicators for a symbol.</summary>
internal static class DataEndpoints
{
    public static RouteGroupBuilder MapDataEndpoints(this RouteGroupBuilder api)
    {
        var data = api.MapGroup("/data").WithTags("Data");
        data.MapGet("/stock/{symbol}", GetStock)
            .WithName("GetStock")
            .WithSummary("Bars of one symbol (the original's route): from the store, fetched when missing and a provider is configured.")
            .Produces<StockResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        data.MapPost("/batch", PostBatch)
            .WithName("PostBatch")
            .WithSummary("Bars of several symbols (the original's route); symbols without bars are listed under errors.")
            .Accepts<BatchRequest>("application/json")
            .Produces<BatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        data.MapGet("/indicators/{symbol}", GetIndicators)
            .WithName("GetIndicators")
            .WithSummary("Technical indicators of one symbol, e.g. indicators=sma(20),rsi(14),macd(12,26,9), on split-adjusted prices by default.")
            .Produces<IndicatorsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetStock(
        string symbol,
        [FromQuery(Name = "start_date")] string? startDate,
        [FromQuery(Name = "end_date")] string? endDate,
        [FromQuery(Name = "interval")] string? interval,
        BarSource bars,
        StockJson json,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var ticker = ParseSymbol(symbol, "symbol", errors);
        var range = BarRange.Parse(startDate, endDate, interval, options.Value.MaxBarsPerRequest, errors);
        if (errors.Any || range is null)
        {
            return errors.ToProblem();
        }

        var lookup = await bars.GetAsync(ticker, range, cancellationToken).ConfigureAwait(false);
        return lookup.Series is { } series
            ? TypedResults.Bytes(json.Of(series), "application/json")
            : Missing(lookup, ticker, range);
    }

    private static async Task<IResult> PostBatch(HttpRequest request, BarSource bars, StockJson json, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<BatchRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null || body is null)
        {
            return problem!;
        }

        var errors = new RequestErrors();
        var symbols = ParseSymbols(body.Symbols, options.Value.MaxSymbolsPerRequest, errors);
        var range = BarRange.Parse(body.StartDate, body.EndDate, body.Interval, options.Value.MaxBarsPerRequest, errors);
        if (errors.Any || range is null)
        {
            return errors.ToProblem();
        }

        var found = new List<BarSeries>(symbols.Count);
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        var worst = StatusCodes.Status404NotFound;
        var budget = new BarBudget(options.Value.MaxBarsPerRequest);
        foreach (var symbol in symbols)
        {
            var lookup = await bars.GetAsync(symbol, range, cancellationToken).ConfigureAwait(false);
            if (lookup.Series is { } series)
            {
                if (!budget.Take(series))
                {
                    return budget.Refusal(range.Interval);
                }

                found.Add(series);
            }
            else
            {
                missing[symbol.Value] = lookup.Reason!;
                worst = Math.Max(worst, lookup.Status);
            }
        }

        if (found.Count == 0)
        {
            // Nothing to serve is a failure, not an empty 200: 503 if any symbol failed for want of the provider.
            return ApiProblem.Fields(
                worst,
                missing.ToDictionary(p => p.Key, p => new[] { p.Value }, StringComparer.Ordinal),
                Extensions(range, symbols.Select(s => s.Value).ToArray()));
        }

        var buffer = new ArrayBufferWriter<byte>(found.Sum(s => 64 + (s.Count * 110)) + 256); // at most MaxBarsPerRequest bars in all
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("stock_data");
            foreach (var series in found)
            {
                writer.WritePropertyName(series.Symbol.Value);
                writer.WriteRawValue(json.Of(series), skipInputValidation: true);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("errors");
            foreach (var (symbol, why) in missing)
            {
                writer.WriteString(symbol, why);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return TypedResults.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
    }

    private static async Task<IResult> GetIndicators(
        string symbol,
        [FromQuery(Name = "indicators")] string? indicators,
        [FromQuery(Name = "start_date")] string? startDate,
        [FromQuery(Name = "end_date")] string? endDate,
        [FromQuery(Name = "interval")] string? interval,
        [FromQuery(Name = "adjust")] string? adjust,
        BarSource bars,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var ticker = ParseSymbol(symbol, "symbol", errors);
        var range = BarRange.Parse(startDate, endDate, interval, options.Value.MaxBarsPerRequest, errors);
        IReadOnlyList<IndicatorSpec> specs = [];
        if (string.IsNullOrWhiteSpace(indicators))
        {
            errors.Add("indicators", $"name at least one indicator, e.g. indicators=sma(20),rsi(14); valid: {IndicatorSpec.ValidChoices}");
        }
        else if (indicators.Length > 1000)
        {
            errors.Add("indicators", $"the list is {indicators.Length} characters long; at most 1000");
        }
        else
        {
            try
            {
                specs = IndicatorSpec.Parse(indicators);
            }
            catch (ArgumentException e)
            {
                errors.Add("indicators", e.Message);
            }
        }

        var adjustment = adjust?.ToLowerInvariant() switch
        {
            null or "splits" => PriceAdjustment.Splits,
            "none" => PriceAdjustment.None,
            "all" => PriceAdjustment.SplitsAndDividends,
            _ => (PriceAdjustment?)null,
        };
        if (adjustment is null)
        {
            errors.Add("adjust", $"'{BarRange.Shorten(adjust!)}' is not an adjustment; valid: none, splits, all");
        }

        if (errors.Any || range is null || adjustment is null)
        {
            return errors.ToProblem();
        }

        // Bars before start_date are read too: they warm the indicators up, so the first row served has values.
        var lookup = await bars.GetAsync(ticker, range with { From = null }, cancellationToken).ConfigureAwait(false);
        if (lookup.Series is not { } series || (range.From is { } from && series.LastTime < from))
        {
            return Missing(lookup.Series is null ? lookup : BarLookup.NotFound($"no {range.Interval} bars of {ticker} {range.Describe()} in the store"), ticker, range);
        }

        if (adjustment != PriceAdjustment.None)
        {
            var actions = await bars.Store.ReadActionsAsync(ticker, DateOnly.FromDateTime(series.FirstTime).AddDays(1), cancellationToken: cancellationToken).ConfigureAwait(false);
            series = series.AdjustedFor(actions, adjustment.Value);
        }

        var table = IndicatorTable.Compute(series, specs);
        var first = range.From is { } start ? series.IndexAtOrBefore(start.AddTicks(-1)) + 1 : 0;
        var rows = new List<IReadOnlyDictionary<string, object?>>(series.Count - first);
        for (var i = first; i < series.Count; i++)
        {
            var row = new Dictionary<string, object?>(table.ColumnNames.Count + 2, StringComparer.Ordinal)
            {
                ["date"] = series.Interval.Format(series.Time[i]),
                ["close"] = series.Close[i],
            };
            for (var c = 0; c < table.ColumnNames.Count; c++)
            {
                var value = table.Column(c)[i];
                row[table.ColumnNames[c]] = double.IsFinite(value) ? value : null;
            }

            rows.Add(row);
        }

        var adjustmentName = adjustment switch
        {
            PriceAdjustment.None => "none",
            PriceAdjustment.SplitsAndDividends => "all",
            _ => "splits",
        };
        return TypedResults.Ok(new IndicatorsResponse(ticker.Value, range.Interval.Code, adjustmentName, table.ColumnNames, rows));
    }

    internal static Symbol ParseSymbol(string? text, string field, RequestErrors errors)
    {
        if (Symbol.TryParse(text?.Trim(), out var symbol, out var error))
        {
            return symbol;
        }

        errors.Add(field, error);
        return default;
    }

    internal static IReadOnlyList<Symbol> ParseSymbols(IReadOnlyList<string?>? texts, int max, RequestErrors errors, string field = "symbols")
    {
        if (texts is null || texts.Count == 0)
        {
            errors.Add(field, "name at least one symbol, e.g. [\"AAPL\", \"MSFT\"]");
            return [];
        }

        if (texts.Count > max)
        {
            errors.Add(field, $"{texts.Count} symbols; at most {max} per request");
            return [];
        }

        var symbols = new List<Symbol>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (Symbol.TryParse(texts[i]?.Trim(), out var symbol, out var error))
            {
                if (!symbols.Contains(symbol))
                {
                    symbols.Add(symbol);
                }
            }
            else
            {
                errors.Add($"{field}[{i}]", error);
            }
        }

        return symbols;
    }

    private static IResult Missing(BarLookup lookup, Symbol symbol, BarRange range) =>
        ApiProblem.Field(lookup.Status, "symbol", lookup.Reason!, Extensions(range, [symbol.Value]));

    private static Dictionary<string, object?> Extensions(BarRange range, string[] symbols) => new(StringComparer.Ordinal)
    {
        ["symbols"] = symbols,
        ["interval"] = range.Interval.Code,
        ["start_date"] = range.StartText,
        ["end_date"] = range.EndText,
    };
}
