using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Trading.Accounting;
using Trading.Backtesting.Config;
using Trading.Data.Synthetic;
using Trading.Domain;
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
        Symbol? index = body.Index is null ? null : DataEndpoints.ParseSymbol(body.Index, "index", errors);
        if (index is { } read && symbols is null && read != SyntheticMarket.IndexSymbol)
        {
            errors.Add("index", $"the synthetic market's index is {SyntheticMarket.IndexSymbol}; got {read} (give symbols to run over stored bars)");
        }

        var config = Config(body, errors);
        if (string.IsNullOrWhiteSpace(body.Strategy))
        {
            errors.Add("strategy", $"name a strategy; valid: {string.Join(", ", strategies.Registry.All.Select(d => d.Name))}");
        }
        else if (!strategies.Registry.TryFind(body.Strategy, out _))
        {
            errors.Add("strategy", $"unknown strategy '{BarRange.Shorten(body.Strategy)}'; valid: {string.Join(", ", strategies.Registry.All.Select(d => d.Name))}");
        }

        if (errors.Any || range is null || config is null)
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

        if (symbols is not null && index is { } regime && !await AnyStoredAsync(bars, [regime], range with { From = null }, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblem.Field(StatusCodes.Status404NotFound, "index", $"no {range.Interval} bars of the index {regime} in the store; import or fetch it first, or leave index out");
        }

        // What ran, as the run config the result records (and a client can submit again).
        config = config with
        {
            Strategy = definition.Name,
            Symbols = symbols?.Select(s => s.Value).ToList(),
            StartDate = body.StartDate,
            EndDate = body.EndDate,
            Interval = range.Interval.Code,
            Index = index?.Value,
            Benchmark = benchmark?.Value,
        };
        var job = new BacktestJob(NewId(), definition, configured.Parameters, configured.Sources, symbols, range, benchmark, config, clock.GetUtcNow().UtcDateTime);
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

    /// <summary>The request's models and money as a run config, checked by the rules the command line and the run
    /// config file use; each problem names its field (<c>commission.per_share</c>).</summary>
    private static RunConfig? Config(BacktestRequest body, RequestErrors errors)
    {
        foreach (var (field, value) in new[] { ("strategy_file", body.StrategyFile), ("strategy_sha256", body.StrategySha256), ("strategy_assembly", body.StrategyAssembly), ("universe", body.Universe), ("csv", body.Csv), ("parquet", body.Parquet) })
        {
            if (value is { ValueKind: not JsonValueKind.Null })
            {
                // Files are the server's to choose: strategy files come from Strategies:Paths, bars from the store.
                errors.Add(field, $"{field} names a file, which a request cannot: name a strategy from /api/v1/strategy/strategies and stored symbols instead");
            }
        }

        var account = body.Account?.Trim().ToLowerInvariant();
        if (account is not (null or "cash" or "margin"))
        {
            errors.Add("account", $"account must be cash or margin; got '{BarRange.Shorten(body.Account!)}'");
        }

        var problems = new List<string>();
        var commission = body.Commission is { } c ? CommissionModels.Catalog.Read(c, "commission", problems) : null;
        var slippage = body.Slippage is { } s ? SlippageModels.Catalog.Read(s, "slippage", problems) : null;
        foreach (var problem in problems)
        {
            errors.Add(problem[..problem.IndexOf(' ', StringComparison.Ordinal)], problem);
        }

        Check(body.InitialCash, RunNumbers.InitialCash, errors);
        Check(body.CommissionRate, RunNumbers.CommissionRate, errors);
        Check(body.SlippageBps, RunNumbers.SlippageBps, errors);
        Check(body.MaxVolumeParticipation, RunNumbers.MaxVolumeParticipation, errors);
        Check(body.Leverage, RunNumbers.Leverage, errors);
        if (body.RiskFree is { } rate && (!double.IsFinite(rate) || rate <= -1 || rate > 1))
        {
            errors.Add("risk_free", $"risk_free must be {RunNumbers.RiskFree.Rule}; got {rate.ToString(CultureInfo.InvariantCulture)}");
        }

        if (body.Commission is { ValueKind: not JsonValueKind.Null } && body.CommissionRate is not null)
        {
            errors.Add("commission_rate", "commission_rate is a shorthand for a percent commission; give commission or commission_rate, not both");
        }

        if (body.Slippage is { ValueKind: not JsonValueKind.Null } && body.SlippageBps is not null)
        {
            errors.Add("slippage_bps", "slippage_bps is a shorthand for bps slippage; give slippage or slippage_bps, not both");
        }

        if (errors.Any)
        {
            return null;
        }

        var config = new RunConfig
        {
            InitialCash = body.InitialCash,
            Commission = commission ?? (body.CommissionRate is { } r ? CommissionModels.OfRate(r) : null),
            Slippage = slippage ?? (body.SlippageBps is { } b ? SlippageModels.OfBasisPoints(b) : null),
            MaxVolumeParticipation = body.MaxVolumeParticipation,
            FillOnSameBar = body.FillOnSameBar,
            Account = account switch { "margin" => AccountType.Margin, "cash" => AccountType.Cash, _ => null },
            Leverage = body.Leverage,
            RiskFree = body.RiskFree,
        };
        foreach (var (field, message) in config.Problems())
        {
            errors.Add(field, message);
        }

        if (errors.Any)
        {
            return null;
        }

        try
        {
            config.ToSettings();
            return config;
        }
        catch (ArgumentException e)
        {
            errors.Add("body", e.Message);
            return null;
        }
    }

    private static void Check(decimal? value, ModelNumber rule, RequestErrors errors)
    {
        if (value is { } v && rule.Check(v) is { } problem)
        {
            errors.Add(rule.Name, $"{rule.Name} {problem}");
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
