using System.Text.Json;
using Trading.Server.Hosting;
using Trading.Strategies;
using Trading.Strategies.Files;

namespace Trading.Server.Strategies;

/// <summary>The strategy service: the original's parameter routes, backed by the strategy registry and stored
/// settings, and the list of strategies with their schemas.</summary>
/// <remarks>The original's <c>POST /strategy/generate_signals</c> belongs here too; it waits for the momentum
/// strategy and signal generation (see README, "Not wired yet").</remarks>
internal static class StrategyEndpoints
{
    public static RouteGroupBuilder MapStrategyEndpoints(this RouteGroupBuilder api)
    {
        var strategy = api.MapGroup("/strategy").WithTags("Strategy");
        strategy.MapGet("/strategies", GetStrategies)
            .WithName("GetStrategies")
            .WithSummary("Every strategy with its parameter schema (name, type, default, bounds) and rules: the built-ins and those of the strategy files under Strategies:Paths, and each such file that does not compile, with its errors.")
            .Produces<IReadOnlyList<StrategyListing>>();
        strategy.MapGet("/strategy_parameters/{strategy}", GetParameters)
            .WithName("GetStrategyParameters")
            .WithSummary("A strategy's current parameters (the original's route): defaults overridden by what was configured.")
            .Produces<IReadOnlyDictionary<string, object>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        strategy.MapPost("/configure_strategy/{strategy}", Configure)
            .WithName("ConfigureStrategy")
            .WithSummary("Sets some or all of a strategy's parameters (the original's route); they are validated, stored and used from then on.")
            .Accepts<IReadOnlyDictionary<string, object>>("application/json")
            .Produces<IReadOnlyDictionary<string, object>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiKey();
        return api;
    }

    private static IResult GetStrategies(StrategyCatalog catalog) => TypedResults.Ok(StrategyListing.Of(catalog));

    private static async Task<IResult> GetParameters(string strategy, StrategySettings settings, CancellationToken cancellationToken)
    {
        if (Find(settings.Registry, strategy) is not { } definition)
        {
            return Unknown(settings.Registry, strategy);
        }

        var parameters = await settings.CurrentAsync(definition, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(parameters.Values);
    }

    private static async Task<IResult> Configure(string strategy, HttpRequest request, StrategySettings settings, CancellationToken cancellationToken)
    {
        if (Find(settings.Registry, strategy) is not { } definition)
        {
            return Unknown(settings.Registry, strategy);
        }

        var (values, problem) = await JsonBody.ReadAsync<Dictionary<string, JsonElement>>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null || values is null)
        {
            return problem!;
        }

        var (parameters, errors) = await settings.ConfigureAsync(definition, values, cancellationToken).ConfigureAwait(false);
        return parameters is null ? errors.ToProblem() : TypedResults.Ok(parameters.Values);
    }

    private static StrategyDefinition? Find(StrategyRegistry registry, string name) =>
        registry.TryFind(name, out var definition) ? definition : null;

    private static IResult Unknown(StrategyRegistry registry, string name) => ApiProblem.Field(
        StatusCodes.Status404NotFound,
        "strategy",
        $"unknown strategy '{(name.Length <= 40 ? name : string.Concat(name.AsSpan(0, 40), "…"))}'; valid: {string.Join(", ", registry.All.Select(d => d.Name))}");
}
