using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Trading.Accounting;
using Trading.Backtesting;
using Trading.Domain;
using Trading.Execution;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Server.Strategies;

namespace Trading.Server.Backtests;

/// <summary>The backtesting service: submit a run (202 and a Location to poll), follow it, fetch its JSON and HTML
/// reports.</summary>
internal static class BacktestEndpoints
{
    public static RouteGroupBuilder MapBacktestEndpoints(this RouteGroupBuilder api)
    {
        var backtests = api.MapGroup("/backtests").WithTags("Backtests");
        backtests.MapPost(string.Empty, Submit)
            .WithName("SubmitBacktest")
            .WithSummary("Queues a backtest over stored symbols (or the synthetic market when none are given); answers 202 with the job's Location.")
            .Accepts<BacktestRequest>("application/json")
            .Produces<BacktestView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireApiKey();
        backtests.MapGet("/{id}", Get)
            .WithName("GetBacktest")
            .WithSummary("The job's status (queued, running, succeeded, failed) and progress from 0 to 1.")
            .Produces<BacktestView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        backtests.MapGet("/{id}/result", GetResult)
            .WithName("GetBacktestResult")
            .WithSummary("The JSON report: final equity and cash, metrics, trades, fills, equity curve.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        backtests.MapGet("/{id}/report", GetReport)
            .WithName("GetBacktestReport")
            .WithSummary("The self-contained HTML report.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> Submit(
        HttpRequest request,
        StrategySettings strategies,
        BarSource bars,
        BacktestQueue queue,
        TimeProvider clock,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<BacktestRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null || body is null)
        {
            return problem!;
        }

        var errors = new RequestErrors();
        var range = BarRange.Parse(body.StartDate, body.EndDate, body.Interval, options.Value.MaxBarsPerRequest, errors);
        var symbols = body.Symbols is null ? null : DataEndpoints.ParseSymbols(body.Symbols, options.Value.MaxSymbolsPerRequest, errors);
        Symbol? benchmark = body.Benchmark is null ? null : DataEndpoints.ParseSymbol(body.Benchmark, "benchmark", errors);
        var settings = Settings(body, errors);
        if (string.IsNullOrWhiteSpace(body.Strategy))
        {
            errors.Add("strategy", $"name a strategy; valid: {string.Join(", ", strategies.Registry.All.Select(d => d.Name))}");
        }
        else if (!strategies.Registry.TryFind(body.Strategy, out _))
        {
            errors.Add("strategy", $"unknown strategy '{BarRange.Shorten(body.Strategy)}'; valid: {string.Join(", ", strategies.Registry.All.Select(d => d.Name))}");
        }

        if (errors.Any || range is null || settings is null)
        {
            return errors.ToProblem();
        }

        var definition = strategies.Registry.Find(body.Strategy!);
        var (configured, parameterErrors) = await strategies.WithOverridesAsync(definition, body.Parameters, "parameters.", cancellationToken).ConfigureAwait(false);
        if (configured is null)
        {
            return parameterErrors.ToProblem();
        }

        if (symbols is not null && !await AnyStoredAsync(bars, symbols, range, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblem.Field(StatusCodes.Status404NotFound, "symbols", $"no {range.Interval} bars of {string.Join(", ", symbols)} {range.Describe()} in the store; import or fetch them first, or leave symbols out to run over the synthetic market");
        }

        if (benchmark is { } compared && !await AnyStoredAsync(bars, [compared], range, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblem.Field(StatusCodes.Status404NotFound, "benchmark", $"no {range.Interval} bars of the benchmark {compared} {range.Describe()} in the store; import or fetch them first, or leave benchmark out");
        }

        var job = new BacktestJob(NewId(), definition, configured.Parameters, configured.Sources, symbols, range, benchmark, settings, clock.GetUtcNow().UtcDateTime);
        if (!queue.TryEnqueue(job))
        {
            return ApiProblem.Field(StatusCodes.Status503ServiceUnavailable, "backtests", $"{options.Value.BacktestQueueCapacity} backtests are already waiting; try again when some have finished");
        }

        return TypedResults.Accepted($"/api/v1/backtests/{job.Id}", BacktestView.Of(job));
    }

    private static IResult Get(string id, BacktestQueue queue) =>
        Find(queue, id, out var job) is { } missing ? missing : TypedResults.Ok(BacktestView.Of(job!));

    private static IResult GetResult(string id, HttpRequest request, BacktestQueue queue) =>
        Finished(queue, id, out var result) is { } problem ? problem : Serve(request, result!.Json, "application/json");

    private static IResult GetReport(string id, HttpRequest request, BacktestQueue queue) =>
        Finished(queue, id, out var result) is { } problem ? problem : Serve(request, result!.Html, "text/html; charset=utf-8");

    /// <summary>A kept report as it is kept (gzip) to a client that accepts that, else decompressed on the way out.</summary>
    private static IResult Serve(HttpRequest request, byte[] gzip, string contentType)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.Vary = "Accept-Encoding";
        if (request.GetTypedHeaders().AcceptEncoding.Any(e => e.Quality is not 0 && (string.Equals(e.Value.Value, "gzip", StringComparison.OrdinalIgnoreCase) || e.Value.Value == "*")))
        {
            headers.ContentEncoding = "gzip";
            return TypedResults.Bytes(gzip, contentType);
        }

        return TypedResults.Stream(new GZipStream(new MemoryStream(gzip, writable: false), CompressionMode.Decompress), contentType);
    }

    private static BacktestSettings? Settings(BacktestRequest body, RequestErrors errors)
    {
        var account = body.Account?.Trim().ToLowerInvariant() ?? "cash";
        if (account is not ("cash" or "margin"))
        {
            errors.Add("account", $"account must be cash or margin; got '{BarRange.Shorten(body.Account!)}'");
        }

        Check(body.InitialCash, 1m, 1_000_000_000_000m, "initial_cash", errors);
        Check(body.CommissionRate, 0m, 0.1m, "commission_rate", errors);
        Check(body.SlippageBps, 0m, 1000m, "slippage_bps", errors);
        Check(body.Leverage, 1m, 100m, "leverage", errors);
        if (account == "cash" && body.Leverage is > 1m and <= 100m)
        {
            // A cash account never borrows: the leverage would be dropped without a word and the run look leveraged.
            errors.Add("leverage", $"leverage applies to a margin account; add \"account\": \"margin\" to borrow up to {body.Leverage} times equity (a cash account never borrows)");
        }

        if (body.RiskFree is { } rate && (!double.IsFinite(rate) || rate < -1 || rate > 1))
        {
            errors.Add("risk_free", $"risk_free is an annual rate between -1 and 1 (0.02 is 2%); got {rate}");
        }

        if (errors.Any)
        {
            return null;
        }

        var settings = new BacktestSettings
        {
            InitialCash = body.InitialCash ?? 100_000m,
            RiskFreeRate = body.RiskFree ?? 0,
            Account = account == "margin" ? AccountSettings.MarginAccount(body.Leverage ?? 2m) : new AccountSettings(),
            Venue = new VenueSettings
            {
                Commission = body.CommissionRate is { } c and not 0 ? new PercentOfValueCommission(c) : new ZeroCommission(),
                Slippage = body.SlippageBps is { } s and not 0 ? new FixedBasisPointsSlippage(s) : new NoSlippage(),
            },
        };
        try
        {
            settings.Validate();
            return settings;
        }
        catch (ArgumentException e)
        {
            errors.Add("body", e.Message);
            return null;
        }
    }

    private static void Check(decimal? value, decimal min, decimal max, string field, RequestErrors errors)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(field, $"{field} must be between {min} and {max}; got {v}");
        }
    }

    private static async Task<bool> AnyStoredAsync(BarSource bars, IReadOnlyList<Symbol> symbols, BarRange range, CancellationToken cancellationToken)
    {
        foreach (var symbol in symbols)
        {
            var series = await bars.Store.ReadBarsAsync(symbol, range.Interval, range.From, range.To, cancellationToken).ConfigureAwait(false);
            if (!series.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static IResult? Find(BacktestQueue queue, string id, out BacktestJob? job)
    {
        job = IsId(id) ? queue.Find(id) : null;
        if (job is not null)
        {
            return null;
        }

        return IsId(id)
            ? ApiProblem.Field(StatusCodes.Status404NotFound, "id", string.Create(CultureInfo.InvariantCulture, $"there is no backtest {id}: backtests live in memory, and this server started at {queue.Since:yyyy-MM-dd HH:mm:ss}Z, so a run submitted before a restart is gone (submit it again); finished runs are kept, newest first, up to Server:BacktestsKept of them and Server:BacktestResultsBudgetBytes of results"))
            : ApiProblem.Field(StatusCodes.Status400BadRequest, "id", $"'{BarRange.Shorten(id)}' is not a backtest id (32 hexadecimal digits)");
    }

    private static IResult? Finished(BacktestQueue queue, string id, out KeptResult? result)
    {
        result = null;
        if (Find(queue, id, out var job) is { } missing)
        {
            return missing;
        }

        if (job!.Status != BacktestStatus.Succeeded)
        {
            return ApiProblem.Field(StatusCodes.Status409Conflict, "id", job.Status == BacktestStatus.Failed
                ? $"backtest {id} failed: {job.Error}"
                : $"backtest {id} is {job.Status.ToString().ToLowerInvariant()} ({job.Progress:P0}); poll /api/v1/backtests/{id} until it has succeeded");
        }

        result = job.Result;
        return null;
    }

    // Random rather than sequential: one client cannot guess another's runs.
    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
