using Microsoft.Extensions.Options;
using Trading.Domain;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Server.Paper;
using Trading.Server.Signals;
using Trading.Server.Strategies;

namespace Trading.Server.Portfolio;

/// <summary>The portfolio service: the desired portfolio from the momentum signals against the paper account, and a
/// manual rebalance that submits the orders.</summary>
internal static class PortfolioEndpoints
{
    public static RouteGroupBuilder MapPortfolioEndpoints(this RouteGroupBuilder api)
    {
        var portfolio = api.MapGroup("/portfolio").WithTags("Portfolio");
        portfolio.MapPost("/desired", Desired)
            .WithName("DesiredPortfolio")
            .WithSummary("The portfolio the momentum strategy wants (configured construction and risk rules) for the paper account, and the orders that would get there. Changes nothing.")
            .Accepts<SignalRequest>("application/json")
            .Produces<DesiredPortfolioResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        portfolio.MapPost("/rebalance", Rebalance)
            .WithName("Rebalance")
            .WithSummary("Rebalances the paper account now: submits the sells, then the buys the free cash pays for. Sells free more cash once they fill (POST /api/v1/paper/advance); rebalance again to spend it.")
            .Accepts<SignalRequest>("application/json")
            .Produces<DesiredPortfolioResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
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
        var (ranked, proposal, problem) = await ProposeAsync(request, bars, settings, options, account, cancellationToken).ConfigureAwait(false);
        return ranked is null || proposal is null ? problem! : TypedResults.Ok(DesiredPortfolioResponse.Of(ranked, proposal));
    }

    private static async Task<IResult> Rebalance(
        HttpRequest request,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        PaperAccount account,
        CancellationToken cancellationToken)
    {
        var (ranked, proposal, problem) = await ProposeAsync(request, bars, settings, options, account, cancellationToken).ConfigureAwait(false);
        if (ranked is null || proposal is null)
        {
            return problem!;
        }

        var submitted = new List<OrderView>();
        foreach (var sell in proposal.Plan.Sells)
        {
            var (ticket, refusal) = await account.SubmitAsync(OrderRequest.Market(sell.Symbol, OrderSide.Sell, -sell.Quantity, "rebalance"), cancellationToken).ConfigureAwait(false);
            if (ticket is null)
            {
                return refusal!;
            }

            submitted.Add(OrderView.Of(ticket));
        }

        // A cash account spends only the cash it has: the sells' proceeds arrive when they fill.
        var free = await account.ReadAsync(state => state.Ledger.Cash - ((decimal)ranked.Parameters.Risk.MinCashBuffer * state.Ledger.Equity), cancellationToken).ConfigureAwait(false);
        var plan = proposal.Plan.WithBuysCappedTo(free);
        foreach (var buy in plan.Buys)
        {
            var (ticket, refusal) = await account.SubmitAsync(OrderRequest.Market(buy.Symbol, OrderSide.Buy, buy.Quantity, "rebalance"), cancellationToken).ConfigureAwait(false);
            if (ticket is null)
            {
                return refusal!;
            }

            submitted.Add(OrderView.Of(ticket));
        }

        List<string> notes = proposal.Plan.Sells.Any()
            ? ["buys were cut to the cash free now; the sells' proceeds can be spent by rebalancing again after they fill (POST /api/v1/paper/advance)"]
            : [];
        return TypedResults.Ok(DesiredPortfolioResponse.Of(ranked, proposal with { Plan = plan }, submitted, notes));
    }

    /// <summary>The request's universe ranked, and the proposal for the paper account as it stands.</summary>
    private static async Task<(RankedUniverse? Ranked, PortfolioProposal? Proposal, IResult? Problem)> ProposeAsync(
        HttpRequest request,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        PaperAccount account,
        CancellationToken cancellationToken)
    {
        var (ranked, problem) = await RankedUniverse.FromRequestAsync(request, bars, settings, options, cancellationToken).ConfigureAwait(false);
        if (ranked is null)
        {
            return (null, null, problem);
        }

        var proposal = await account.ReadAsync(state => PortfolioProposal.Of(ranked, state), cancellationToken).ConfigureAwait(false);
        return (ranked, proposal, null);
    }
}
