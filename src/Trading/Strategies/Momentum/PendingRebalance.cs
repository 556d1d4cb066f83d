using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;

namespace Trading.Strategies.Momentum;

/// <summary>One rebalance between its decision and its reconciliation: the sells go out first; the buys follow on the
/// next bar, when the sells have met the open (a cash account cannot spend proceeds it does not have yet), cut again
/// to the cash then free. A sell that cannot fill (its symbol has no bar) does not hold the buys back: its proceeds
/// are simply not there to spend.</summary>
internal sealed class PendingRebalance(
    DateTime time,
    decimal equity,
    IReadOnlyList<string> notes,
    RebalancePlan plan,
    IReadOnlyDictionary<Symbol, string> reasons,
    double cashBuffer)
{
    private readonly Dictionary<Symbol, OrderTicket> _tickets = [];
    private RebalancePlan _plan = plan;
    private bool _buysSent;

    /// <summary>True once every order of the rebalance is finished (filled, rejected, expired or cancelled).</summary>
    public bool IsDone => _buysSent && _tickets.Values.All(t => t.Status.IsTerminal());

    public void Start(IStrategyContext context)
    {
        foreach (var sell in _plan.Sells)
        {
            Submit(context, sell);
        }

        Advance(context);
    }

    /// <summary>Sends the buys once the sells are done or have had their bar.</summary>
    public void Advance(IStrategyContext context)
    {
        if (_buysSent || (context.Time == time && _tickets.Values.Any(t => !t.Status.IsTerminal())))
        {
            return;
        }

        _buysSent = true;
        var free = context.Cash - ((decimal)cashBuffer * context.Equity);
        _plan = _plan.WithBuysCappedTo(free, symbol => context.Close(context.IndexOf(symbol)));
        foreach (var buy in _plan.Buys)
        {
            Submit(context, buy);
        }
    }

    /// <summary>Keeps the plan in the same share units as the account after a split (see <see cref="RebalancePlan.AfterSplit"/>).</summary>
    public void OnSplit(Symbol symbol, decimal ratio)
    {
        var orderScales = !_tickets.TryGetValue(symbol, out var ticket) || !ticket.Status.IsTerminal();
        _plan = _plan.AfterSplit(symbol, ratio, orderScales);
    }

    public void CancelWorking(IStrategyContext context)
    {
        foreach (var ticket in _tickets.Values.Where(t => !t.Status.IsTerminal()))
        {
            context.Cancel(ticket.Id);
        }
    }

    /// <summary>Desired versus actual; <paramref name="unfinished"/> explains orders still working.</summary>
    public RebalanceRecord Reconcile(IStrategyContext context, string? unfinished = null)
    {
        var outcomes = _tickets.ToDictionary(
            pair => pair.Key,
            pair => new OrderOutcome(
                pair.Value.FilledQuantity,
                pair.Value.Status,
                pair.Value.Status.IsTerminal() ? pair.Value.Reason : unfinished));
        return RebalanceRecord.Reconcile(
            time,
            equity,
            notes,
            _plan,
            outcomes,
            symbol => context.Position(context.IndexOf(symbol)),
            reasons);
    }

    private void Submit(IStrategyContext context, PlannedTrade trade)
    {
        var side = trade.Quantity > 0 ? OrderSide.Buy : OrderSide.Sell;
        _tickets[trade.Symbol] = context.Submit(OrderRequest.Market(trade.Symbol, side, Math.Abs(trade.Quantity), MomentumStrategy.Name));
    }
}
