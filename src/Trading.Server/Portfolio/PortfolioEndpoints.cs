using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Server.Paper;
using Trading.Server.Signals;
using Trading.Server.Strategies;

namespace Trading.Server.Portfolio;

/// <summary>The portfolio service: the desired portfolio from the momentum signals against the paper account, and a
/// manual rebalance that submits the orders.</summary>
/// <remarks>Both decide as of the account's clock (never a later end_date) and against its positions plus the orders
/// already working, while holding the account: see <see cref="ManualRebalance"/>.</remarks>
internal static class PortfolioEndpoints
{
    private const string RebalanceScope = "POST /api/v1/portfolio/rebalance";

    public static RouteGroupBuilder MapPortfolioEndpoints(this RouteGroupBuilder api)
    {
        var portfolio = api.MapGroup("/portfolio").WithTags("Portfolio");
        portfolio.MapPost("/desired", Desired)
            .WithName("DesiredPortfolio")
            .WithSummary("The portfolio the momentum strategy wants (configured construction and risk rules) for the paper account as of its clock, and the orders that would get there from its positions plus the orders already working. Changes nothing.")
            .Accepts<SignalRequest>("application/json")
            .Produces<DesiredPortfolioResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        portfolio.MapPost("/rebalance", Rebalance)
            .WithName("Rebalance")
            .WithSummary("Rebalances the paper account now, as of its clock: cancels the working orders the plan contradicts, submits the sells, then the buys the free cash pays for; shares already on order count, so the same plan twice orders nothing new. All orders or none. With an Idempotency-Key header, a repeat gets the first answer. Sells free more cash once they fill (POST /api/v1/paper/advance); rebalance again to spend it.")
            .Accepts<SignalRequest>("application/json")
            .Produces<DesiredPortfolioResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireApiKey();
        return api;
    }

    private static async Task<IResult> Desired(
        HttpRequest request,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        PaperAccount account,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignalRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null || body is null)
        {
            return problem!;
        }

        return await account.HoldAsync(
            async held =>
            {
                var (ranked, proposal, refusal) = await ManualRebalance.ProposeAsync(body, held, bars, settings, options, cancellationToken).ConfigureAwait(false);
                return ranked is null || proposal is null
                    ? refusal!
                    : TypedResults.Ok(DesiredPortfolioResponse.Of(ranked, proposal, proposal.Orders.Plan, []));
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> Rebalance(
        HttpRequest request,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        IOptions<JsonOptions> json,
        IdempotencyKeys keys,
        PaperAccount account,
        CancellationToken cancellationToken)
    {
        string? key = null;
        if (request.Headers.TryGetValue(IdempotencyKeys.HeaderName, out var sent))
        {
            key = sent.Count == 1 ? sent[0] ?? string.Empty : string.Empty;
            if ((sent.Count == 1 ? IdempotencyKeys.Problem(key) : $"send one {IdempotencyKeys.HeaderName}, not {sent.Count}") is { } bad)
            {
                return ApiProblem.Field(StatusCodes.Status400BadRequest, IdempotencyKeys.HeaderName, bad);
            }
        }

        var (body, problem) = await JsonBody.ReadAsync<SignalRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null || body is null)
        {
            return problem!;
        }

        var serializer = json.Value.SerializerOptions;
        var fingerprint = IdempotencyKeys.Fingerprint(JsonSerializer.SerializeToUtf8Bytes(body, serializer));
        return await account.HoldAsync(
            async held =>
            {
                // Looked up while holding the account, so a repeat sent at the same time waits for the first answer.
                if (key is not null && keys.Find(RebalanceScope, key) is { } kept)
                {
                    if (!kept.IsFor(fingerprint))
                    {
                        return ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, IdempotencyKeys.HeaderName, $"this {IdempotencyKeys.HeaderName} was used for a rebalance with another body; use a new key for a new request");
                    }

                    request.HttpContext.Response.Headers[IdempotencyKeys.ReplayedHeaderName] = "true";
                    return Answer(kept.Answer);
                }

                var (ranked, proposal, refusal) = await ManualRebalance.ProposeAsync(body, held, bars, settings, options, cancellationToken).ConfigureAwait(false);
                if (ranked is null || proposal is null)
                {
                    return refusal!;
                }

                var (done, refused) = await ManualRebalance.SendAsync(held, ranked, proposal, cancellationToken).ConfigureAwait(false);
                if (done is null)
                {
                    return refused!;
                }

                var answer = JsonSerializer.SerializeToUtf8Bytes(done, serializer);
                if (key is not null)
                {
                    keys.Keep(RebalanceScope, key, fingerprint, answer);
                }

                return Answer(answer);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static IResult Answer(byte[] json) => TypedResults.Bytes(json, "application/json; charset=utf-8");
}
