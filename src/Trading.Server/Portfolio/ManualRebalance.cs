using System.Globalization;
using Microsoft.Extensions.Options;
using Trading.Domain;
using Trading.Portfolio;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Server.Paper;
using Trading.Server.Signals;
using Trading.Server.Strategies;

namespace Trading.Server.Portfolio;

/// <summary>The two steps of a manual rebalance, both run while the caller holds the paper account: propose (rank as
/// of the account's clock, plan against the positions plus the orders on order), then send (check every order, then
/// cancel and submit them all, or do nothing).</summary>
internal static class ManualRebalance
{
    /// <summary>The ranking of <paramref name="body"/>'s universe as of the account (see <see cref="DecisionDate"/>) and
    /// the proposal for the account as it stands, or the problem that stops it.</summary>
    public static async Task<(RankedUniverse? Ranked, PortfolioProposal? Proposal, IResult? Problem)> ProposeAsync(
        SignalRequest body,
        PaperAccount.Hold account,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken)
    {
        var (ranked, problem) = await RankedUniverse.RankForAccountAsync(body, account.ClockDay, bars, settings, options, cancellationToken).ConfigureAwait(false);
        if (ranked is null)
        {
            return (null, null, problem);
        }

        var state = await account.StateAsync(cancellationToken).ConfigureAwait(false);
        var working = PaperAccount.Hold.WorkingOrders(state).ToList();
        var closes = new Dictionary<Symbol, double>();
        foreach (var symbol in working.Select(o => o.Symbol).Distinct())
        {
            if (await account.CloseAsync(symbol, cancellationToken).ConfigureAwait(false) is not { } close)
            {
                return (null, null, ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, "orders", $"{symbol} has working orders but no stored close at or before the account's clock to value them"));
            }

            closes[symbol] = close;
        }

        return (ranked, PortfolioProposal.Of(ranked, state, working, closes), null);
    }

    /// <summary>Sends <paramref name="proposal"/>: the buys cut to the cash free now, every order checked (a price at
    /// the clock, a whole quantity the account takes), then the cancels, the sells and the buys, with nothing in
    /// between. Any bad order is a 422 naming it, and nothing is cancelled or submitted.</summary>
    public static async Task<(DesiredPortfolioResponse? Done, IResult? Problem)> SendAsync(
        PaperAccount.Hold account,
        RankedUniverse ranked,
        PortfolioProposal proposal,
        CancellationToken cancellationToken)
    {
        var notes = new List<string>();

        // An account without a clock starts it at the plan's as_of once the orders go (a refusal leaves it unset).
        var clock = account.ClockDay ?? DateOnly.FromDateTime(ranked.Ranking.AsOf);

        // The venue checks the cash at the close of the clock's day, which is later than the plan's when end_date was.
        var plan = proposal.Orders.Plan;
        var now = new Dictionary<Symbol, double>();
        var errors = new List<string>();
        foreach (var trade in plan.Trades.Where(t => t.Quantity != 0))
        {
            var close = await account.CloseAsync(trade.Symbol, cancellationToken, clock).ConfigureAwait(false);
            if (close is { } price && double.IsFinite(price) && price is > 0 and <= (double)MaxPrice)
            {
                now[trade.Symbol] = price;
            }
            else
            {
                errors.Add(close is null
                    ? $"{trade.Symbol}: no stored close at or before the account's clock {clock:yyyy-MM-dd} to price its order"
                    : string.Create(CultureInfo.InvariantCulture, $"{trade.Symbol}: its close {close} is not a price an order can carry (0 to {MaxPrice:N0})"));
            }
        }

        if (errors.Count > 0)
        {
            return (null, Refused(errors));
        }

        var ledger = (await account.StateAsync(cancellationToken).ConfigureAwait(false)).Ledger;
        var free = ledger.Cash - ((decimal)ranked.Parameters.Risk.MinCashBuffer * ledger.Equity)
            - proposal.Book.CashPromised(proposal.Orders.Cancels, s => now.TryGetValue(s, out var p) ? p : proposal.Prices[s]);
        plan = plan.WithBuysCappedTo(free, s => now[s]);
        var orders = new List<OrderRequest>();
        foreach (var trade in plan.Sells.Concat(plan.Buys))
        {
            var shares = Math.Abs(trade.Quantity);
            if (shares != decimal.Truncate(shares) || shares > OrderSubmission.MaxQuantity)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{trade.Symbol}: {trade.Side?.ToString().ToLowerInvariant()} {shares:N0} shares is not an order the account takes (a whole number from 1 to {OrderSubmission.MaxQuantity:N0})"));
                continue;
            }

            orders.Add(OrderRequest.Market(trade.Symbol, trade.Side!.Value, shares, "rebalance"));
        }

        if (errors.Count > 0)
        {
            return (null, Refused(errors));
        }

        // Checked in full: the cancels and orders are journaled together, all or none.
        if (account.Clock is null)
        {
            notes.Add($"the account's clock was not set: it starts at {clock:yyyy-MM-dd}, the plan's as_of");
        }

        var cancels = proposal.Orders.Cancels.Select(c => c.Order.Id).ToList();
        var (_, sent) = await account.SendAsync(clock, cancels, [.. orders.Select(o => (o, (decimal)now[o.Symbol]))], cancellationToken).ConfigureAwait(false);
        var state = await account.StateAsync(cancellationToken).ConfigureAwait(false);
        var cancelled = cancels.Select(id => OrderView.Of(state.Venue.Find(id)!)).ToList();
        var submitted = sent.Select(OrderView.Of).ToList();
        if (plan.Sells.Any())
        {
            notes.Add("buys were cut to the cash free now; the sells' proceeds can be spent by rebalancing again after they fill (POST /api/v1/paper/advance)");
        }

        return (DesiredPortfolioResponse.Of(ranked, proposal, plan, notes, cancelled, submitted), null);
    }

    /// <summary>The highest price an order may carry, as for a limit price.</summary>
    private const decimal MaxPrice = 1_000_000_000m;

    private static IResult Refused(List<string> errors) =>
        ApiProblem.Fields(
            StatusCodes.Status422UnprocessableEntity,
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["orders"] = [.. errors.Select(e => e + "; nothing was cancelled or submitted")] });
}
