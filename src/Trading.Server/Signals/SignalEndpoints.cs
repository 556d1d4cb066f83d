using Microsoft.Extensions.Options;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Server.Strategies;

namespace Trading.Server.Signals;

/// <summary>The original's signal route: the momentum ranking of a universe, with the configured parameters.</summary>
internal static class SignalEndpoints
{
    public static RouteGroupBuilder MapSignalEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/strategy").WithTags("Strategy")
            .MapPost("/generate_signals", GenerateSignals)
            .WithName("GenerateSignals")
            .WithSummary("BUY / HOLD / SELL for each symbol by the momentum strategy (the original's route): score, risk unit (ATR), price, rank and the reason for every SELL and HOLD, as of end_date. Without market_index the regime filter is off, and market_regime says so.")
            .Accepts<SignalRequest>("application/json")
            .Produces<SignalsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> GenerateSignals(
        HttpRequest request,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken)
    {
        var (ranked, refusal) = await RankedUniverse.FromRequestAsync(request, bars, settings, options, cancellationToken).ConfigureAwait(false);
        return ranked is null ? refusal! : TypedResults.Ok(SignalsResponse.Of(ranked));
    }
}
