using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;

namespace Trading.Strategies;

/// <summary>One rebalance between its decision and its reconciliation: the sells go out first; the buys follow on the
/// next bar, when the sells have met the open (a cash account cannot spend proceeds it does not have yet), cut again
/// to the cash then free. A sell that cannot fill (its symbol has no bar) does not hold the buys back: its proceeds
/// are simply not there to spend.</summary>
/// <remarks>A strategy starts one with <see cref="Start"/>, calls <see cref="Advance"/> at each later time step until
/// <see cref="IsDone"/>, passes its splits to <see cref="OnSplit"/>, and records <see cref="Reconcile"/> in the run's
/// results. Each symbol is traded by one market order per rebalance.</remarks>
public sealed class PortfolioRebalance
{
    private readonly DateTime _time;
    private readonly decimal _equity;
    private readonly IReadOnlyList<string> _notes;
    private readonly IReadOnlyDictionary<Symbol, string> _reasons;
    private readonly double _cashBuffer;
    private readonly string? _tag;
    private readonly Dictionary<Symbol, OrderTicket> _tickets = [];
    private bool _buysSent;

    internal PortfolioRebalance(
        DateTime time,
        decimal equity,
        IReadOnlyList<string> notes,
        RebalancePlan plan,
        IReadOnlyDictionary<Symbol, string> reasons,
        double cashBuffer,
        string? tag)
    {
        _time = time;
        _equity = equity;
        _notes = notes;
        Plan = plan;
        _reasons = reasons;
        _cashBuffer = cashBuffer;
        _tag = tag;
    }

    /// <summary>Plans the trades from the account to <paramref name="desired"/> (<see cref="RebalancePlan.Create"/>
    /// at the latest closes) and sends the sells now.</summary>
    /// <param name="rules">The rules <paramref name="desired"/> was built with: their cash buffer is kept back from the buys.</param>
    /// <param name="tag">The tag of every order (default: none).</param>
    public static PortfolioRebalance Start(
        IStrategyContext context,
        DesiredPortfolio desired,
        RiskRules rules,
        RebalanceOptions? options = null,
        string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(rules);
        var state = context.PortfolioState();
        var prices = new Dictionary<Symbol, double>();
        foreach (var symbol in state.Holdings.Keys)
        {
            prices[symbol] = context.Close(context.IndexOf(symbol));
        }

        var plan = RebalancePlan.Create(desired, state, prices, rules, options ?? new RebalanceOptions());
        var rebalance = new PortfolioRebalance(context.Time, state.Equity, desired.Notes, plan, new Dictionary<Symbol, string>(), rules.MinCashBuffer, tag);
        rebalance.Begin(context);
        return rebalance;
    }

    /// <summary>The trades, as planned and then as the buys were cut to the cash free when they were sent.</summary>
    public RebalancePlan Plan { get; private set; }

    /// <summary>True once every order of the rebalance is finished (filled, rejected, expired or cancelled).</summary>
    public bool IsDone => _buysSent && _tickets.Values.All(t => t.Status.IsTerminal());

    internal void Begin(IStrategyContext context)
    {
        foreach (var sell in Plan.Sells)
        {
            Submit(context, sell);
        }

        Advance(context);
    }

    /// <summary>Sends the buys once the sells are done or have had their bar; call it at every time step until
    /// <see cref="IsDone"/>.</summary>
    public void Advance(IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_buysSent || (context.Time == _time && _tickets.Values.Any(t => !t.Status.IsTerminal())))
        {
            return;
        }

        _buysSent = true;
        var free = context.Cash - ((decimal)_cashBuffer * context.Equity);
        Plan = Plan.WithBuysCappedTo(free, symbol => context.Close(context.IndexOf(symbol)));
        foreach (var buy in Plan.Buys)
        {
            Submit(context, buy);
        }
    }

    /// <summary>Keeps the plan in the same share units as the account after a split (see <see cref="RebalancePlan.AfterSplit"/>).</summary>
    public void OnSplit(Symbol symbol, decimal ratio)
    {
        var orderScales = !_tickets.TryGetValue(symbol, out var ticket) || !ticket.Status.IsTerminal();
        Plan = Plan.AfterSplit(symbol, ratio, orderScales);
    }

    /// <summary>Cancels the orders of this rebalance that are still working (a new rebalance supersedes it).</summary>
    public void CancelWorking(IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var ticket in _tickets.Values.Where(t => !t.Status.IsTerminal()))
        {
            context.Cancel(ticket.Id);
        }
    }

    /// <summary>Desired versus actual; <paramref name="unfinished"/> explains orders still working.</summary>
    public RebalanceRecord Reconcile(IStrategyContext context, string? unfinished = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcomes = _tickets.ToDictionary(
            pair => pair.Key,
            pair => new OrderOutcome(
                pair.Value.FilledQuantity,
                pair.Value.Status,
                pair.Value.Status.IsTerminal() ? pair.Value.Reason : unfinished));
        return RebalanceRecord.Reconcile(
            _time,
            _equity,
            _notes,
            Plan,
            outcomes,
            symbol => context.Position(context.IndexOf(symbol)),
            _reasons);
    }

    private void Submit(IStrategyContext context, PlannedTrade trade)
    {
        var side = trade.Quantity > 0 ? OrderSide.Buy : OrderSide.Sell;
        _tickets[trade.Symbol] = context.Submit(OrderRequest.Market(trade.Symbol, side, Math.Abs(trade.Quantity), _tag));
    }
}
