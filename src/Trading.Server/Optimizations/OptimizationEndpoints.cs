using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Trading.Backtesting.Config;
using Trading.Optimization;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Server.Strategies;
using Trading.Strategies;

namespace Trading.Server.Optimizations;

/// <summary>The optimization service: submit a search (202 and a Location to poll), follow its progress, fetch its
/// ranking with the overfitting statistics or its HTML report, cancel it keeping what finished.</summary>
internal static class OptimizationEndpoints
{
    public static RouteGroupBuilder MapOptimizationEndpoints(this RouteGroupBuilder api)
    {
        var optimizations = api.MapGroup("/optimizations").WithTags("Optimizations");
        optimizations.MapPost(string.Empty, Submit)
            .WithName("SubmitOptimization")
            .WithSummary("Queues a parameter search (grid, random or successive halving) over stored symbols or the synthetic market; answers 202 with the job's Location.")
            .Accepts<OptimizationRequest>("application/json")
            .Produces<OptimizationView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireApiKey();
        optimizations.MapGet("/{id}", Get)
            .WithName("GetOptimization")
            .WithSummary("The search's status, trials done of all planned, and the best so far.")
            .Produces<OptimizationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        optimizations.MapGet("/{id}/result", GetResult)
            .WithName("GetOptimizationResult")
            .WithSummary("The ranked trials (the best ?top=N) and the overfitting statistics: deflated Sharpe ratio and PBO.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        optimizations.MapGet("/{id}/report", GetReport)
            .WithName("GetOptimizationReport")
            .WithSummary("The search's self-contained HTML report, the page trade optimize --report writes: the overfitting statistics in words, a heatmap, the objective's distribution, the best trials' equity curves.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        optimizations.MapDelete("/{id}", Cancel)
            .WithName("CancelOptimization")
            .WithSummary("Cancels the search; the trials that finished are kept and ranked.")
            .Produces<OptimizationView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiKey();
        return api;
    }

    private static async Task<IResult> Submit(
        HttpRequest request,
        StrategySettings strategies,
        OptimizationQueue queue,
        TimeProvider clock,
        IOptions<ServerOptions> server,
        IOptions<OptimizationOptions> options,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<OptimizationRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null || body is null)
        {
            return problem!;
        }

        var errors = new RequestErrors();
        var range = BarRange.Parse(body.StartDate, body.EndDate, body.Interval, server.Value.MaxBarsPerRequest, errors);
        var symbols = body.Symbols is null ? null : DataEndpoints.ParseSymbols(body.Symbols, server.Value.MaxSymbolsPerRequest, errors);
        StrategyDefinition? definition = null;
        if (string.IsNullOrWhiteSpace(body.Strategy))
        {
            errors.Add("strategy", $"name a strategy; valid: {string.Join(", ", strategies.Registry.All.Select(d => d.Name))}");
        }
        else if (!strategies.Registry.TryFind(body.Strategy, out definition))
        {
            errors.Add("strategy", $"unknown strategy '{BarRange.Shorten(body.Strategy)}'; valid: {string.Join(", ", strategies.Registry.All.Select(d => d.Name))}");
        }

        var ranges = definition is null ? null : Ranges(definition, body.Params, errors);
        var objective = Read("objective", () => SweepMetric.Parse(body.Objective ?? "sharpe"), errors);
        var constraints = new List<TrialConstraint>();
        foreach (var (text, i) in (body.Constraints ?? []).Select((c, i) => (c, i)))
        {
            if (Read($"constraints[{i}]", () => TrialConstraint.Parse(text), errors) is { } constraint)
            {
                constraints.Add(constraint);
            }
        }

        var method = body.Method?.Trim().ToLowerInvariant() ?? "grid";
        if (method is not ("grid" or "random" or "halving"))
        {
            errors.Add("method", $"method must be grid, random or halving; got '{BarRange.Shorten(body.Method!)}'");
        }

        HalvingRequest.Check(body, method, range, errors);

        if (body.Trials is < 1)
        {
            errors.Add("trials", $"trials must be at least 1; got {body.Trials}");
        }
        else if (body.Trials is not null && method is not ("random" or "halving"))
        {
            errors.Add("trials", "trials is the size of a random search's sample (or a halving search's candidates); a grid runs every combination (give method random or halving)");
        }

        if (body.Jobs is < 1)
        {
            errors.Add("jobs", $"jobs must be at least 1; got {body.Jobs}");
        }

        var settings = Settings(body, errors);
        if (errors.Any || range is null || definition is null || ranges is null || objective is null || settings is null)
        {
            return errors.ToProblem();
        }

        // The parameters not searched start from those stored for the strategy, as the command line's do.
        var (configured, parameterErrors) = await strategies.WithOverridesAsync(definition, null, "params.", cancellationToken).ConfigureAwait(false);
        if (configured is null)
        {
            return parameterErrors.ToProblem();
        }

        var fixedValues = configured.Parameters.AsText().Where(p => configured.Sources[p.Key] != ParameterSource.Default).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        SearchSpace space;
        try
        {
            space = new SearchSpace(definition, ranges, fixedValues);
        }
        catch (ArgumentException e)
        {
            return ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, "params", e.Message);
        }

        var limit = options.Value.MaxOptimizationTrials;
        var planned = method == "random" ? Math.Min(body.Trials ?? 100, space.Size) : Math.Min(body.Trials ?? space.Size, space.Size);
        if (planned > limit)
        {
            return ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, body.Trials is not null ? "trials" : "params", string.Create(CultureInfo.InvariantCulture, $"the search would run up to {planned:N0} trials, more than this server takes in one search (Server:MaxOptimizationTrials, {limit:N0}); use larger steps, fewer values, or method random with fewer trials"));
        }

        var plan = method switch
        {
            "random" => space.Random(body.Trials ?? 100, body.Seed ?? 0),
            "halving" => HalvingRequest.Candidates(space, body),
            _ => space.Grid(),
        };
        if (plan.Trials.Count == 0)
        {
            return ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, "params", $"every one of the {space.Size:N0} combinations breaks a rule of {definition.Name} ({string.Join("; ", definition.Rules.Select(r => r.Description))}): nothing to run");
        }

        if (HalvingRequest.TooFewCandidates(plan, body) is { } tooFew)
        {
            return tooFew;
        }

        var jobs = Math.Min(body.Jobs ?? options.Value.MaxOptimizationJobs, options.Value.MaxOptimizationJobs);
        var job = new OptimizationJob(NewId(), space, plan, objective, constraints, jobs, symbols, range, settings, clock.GetUtcNow().UtcDateTime) { Eta = method == "halving" ? body.Eta ?? HalvingSchedule.DefaultEta : null };
        if (!queue.TryEnqueue(job))
        {
            job.Dispose();
            return ApiProblem.Field(StatusCodes.Status503ServiceUnavailable, "optimizations", $"{options.Value.OptimizationQueueCapacity} searches are already waiting; try again when some have finished");
        }

        return TypedResults.Accepted($"/api/v1/optimizations/{job.Id}", OptimizationView.Of(job));
    }

    /// <summary>Each searched parameter as a <see cref="ParameterRange"/>: a string as the command line writes it, or
    /// an array of values; a problem names its field (<c>params.fast</c>).</summary>
    private static List<ParameterRange>? Ranges(StrategyDefinition definition, IReadOnlyDictionary<string, JsonElement>? given, RequestErrors errors)
    {
        if (given is null || given.Count == 0)
        {
            errors.Add("params", $"name at least one parameter to search, as {{\"fast\": \"5:50:5\", \"slow\": [20, 30]}}; {definition.Name}'s: {string.Join(", ", definition.Parameters.Select(p => p.Name))}");
            return null;
        }

        var ranges = new List<ParameterRange>();
        foreach (var (name, value) in given)
        {
            var field = "params." + name;
            string? text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Array when value.GetArrayLength() > 0 && value.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                    => string.Join(",", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                _ => null,
            };
            if (text is null)
            {
                errors.Add(field, $"{name} must be a range as text (\"5:50:5\" or \"a,b,c\") or a non-empty array of values; got a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
                continue;
            }

            if (Read(field, () => ParameterRange.Parse(definition, $"{name}={text}"), errors) is { } range)
            {
                ranges.Add(range);
            }
        }

        return errors.Any ? null : ranges;
    }

    /// <summary>The backtest's costs the search runs with: initial cash, a percent commission, bps slippage.</summary>
    private static Backtesting.BacktestSettings? Settings(OptimizationRequest body, RequestErrors errors)
    {
        foreach (var (value, rule) in new[] { (body.InitialCash, RunNumbers.InitialCash), (body.CommissionRate, RunNumbers.CommissionRate), (body.SlippageBps, RunNumbers.SlippageBps) })
        {
            if (value is { } v && rule.Check(v) is { } problem)
            {
                errors.Add(rule.Name, $"{rule.Name} {problem}");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        var config = new RunConfig
        {
            InitialCash = body.InitialCash,
            Commission = body.CommissionRate is { } r ? CommissionModels.OfRate(r) : null,
            Slippage = body.SlippageBps is { } b ? SlippageModels.OfBasisPoints(b) : null,
        };
        foreach (var (field, message) in config.Problems())
        {
            errors.Add(field, message);
        }

        try
        {
            return errors.Any ? null : config.ToSettings();
        }
        catch (ArgumentException e)
        {
            errors.Add("body", e.Message);
            return null;
        }
    }

    private static T? Read<T>(string field, Func<T> read, RequestErrors errors)
        where T : class
    {
        try
        {
            return read();
        }
        catch (ArgumentException e)
        {
            errors.Add(field, e.Message);
            return null;
        }
    }

    private static IResult Get(string id, OptimizationQueue queue) =>
        Find(queue, id, out var job) is { } missing ? missing : TypedResults.Ok(OptimizationView.Of(job!));

    private static IResult Cancel(string id, OptimizationQueue queue, TimeProvider clock)
    {
        if (Find(queue, id, out var job) is { } missing)
        {
            return missing;
        }

        job!.Cancel(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Accepted($"/api/v1/optimizations/{id}", OptimizationView.Of(job));
    }

    private static IResult GetResult(string id, int? top, OptimizationQueue queue)
    {
        if (Find(queue, id, out var job) is { } missing)
        {
            return missing;
        }

        if (top is < 1)
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, "top", $"top must be at least 1; got {top}");
        }

        if (job!.Ranking is not { } report)
        {
            return NotFinished(id, job);
        }

        if (top is not { } count)
        {
            return TypedResults.Bytes(report, "application/json");
        }

        // The best N trials only: the rest of the ranking (counts, overfitting) is kept whole.
        var json = JsonNode.Parse(report)!.AsObject();
        if (json["trials"] is JsonArray trials)
        {
            while (trials.Count > count)
            {
                trials.RemoveAt(trials.Count - 1);
            }
        }

        return TypedResults.Text(json.ToJsonString(), "application/json");
    }

    private static IResult GetReport(string id, OptimizationQueue queue)
    {
        if (Find(queue, id, out var job) is { } missing)
        {
            return missing;
        }

        return job!.Page is { } page ? TypedResults.Bytes(page, "text/html; charset=utf-8") : NotFinished(id, job);
    }

    /// <summary>409 for a search with nothing to show yet, or ever: queued, running, failed, or cancelled before a trial.</summary>
    private static IResult NotFinished(string id, OptimizationJob job) =>
        ApiProblem.Field(StatusCodes.Status409Conflict, "id", job.Status switch
        {
            OptimizationStatus.Failed => $"optimization {id} failed: {job.Error}",
            OptimizationStatus.Cancelled => $"optimization {id} was cancelled before any trial finished",
            _ => $"optimization {id} is {job.Status.ToString().ToLowerInvariant()} ({job.Progress?.Done ?? 0} of {job.TrialsPlanned} trials); poll /api/v1/optimizations/{id} until it has succeeded",
        });

    private static IResult? Find(OptimizationQueue queue, string id, out OptimizationJob? job)
    {
        job = IsId(id) ? queue.Find(id) : null;
        if (job is not null)
        {
            return null;
        }

        return IsId(id)
            ? ApiProblem.Field(StatusCodes.Status404NotFound, "id", string.Create(CultureInfo.InvariantCulture, $"there is no optimization {id}: searches live in memory, and this server started at {queue.Since:yyyy-MM-dd HH:mm:ss}Z, so one submitted before a restart is gone; finished ones are kept, newest first, up to Server:OptimizationsKept of them"))
            : ApiProblem.Field(StatusCodes.Status400BadRequest, "id", $"'{BarRange.Shorten(id)}' is not an optimization id (32 hexadecimal digits)");
    }

    // Random rather than sequential: one client cannot guess another's searches.
    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
