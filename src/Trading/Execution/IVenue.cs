using Trading.Domain;

namespace Trading.Execution;

/// <summary>Where an engine's orders go: the simulated venue of backtests and paper trading, or a broker. The engine
/// and the strategy see only this, so a broker is one more implementation in a folder of its own and no type of it
/// enters the core.</summary>
/// <remarks>
/// <para>The engine addresses symbols by their index in the universe the venue was made for (the hot path of a
/// backtest looks nothing up); the other members take the symbol, for manual orders and reports.</para>
/// <para>Fills reach the engine only through <see cref="OnBar(int, BarSeries, int, ICollection{Fill})"/> and
/// <see cref="OnBarClose"/>, at the step of the bar they belong to: the simulated venue matches working orders against
/// that bar; a broker hands over the fills it reported for that symbol since the last step. Either way the ledger
/// books them at a step, so a step is all the journal needs to record.</para>
/// </remarks>
public interface IVenue
{
    /// <summary>Every change of every order, in the order they happened.</summary>
    event Action<OrderEvent>? OrderChanged;

    /// <summary>Every order submitted, by id (1, 2, ...).</summary>
    IReadOnlyList<OrderTicket> Orders { get; }

    /// <summary>How many orders are working in all.</summary>
    int WorkingOrderCount { get; }

    /// <summary>The order with <paramref name="orderId"/>, or null.</summary>
    OrderTicket? Find(long orderId);

    /// <summary>The order submitted with <paramref name="clientOrderId"/>, or null.</summary>
    OrderTicket? FindByClientOrderId(string clientOrderId);

    /// <summary>The working orders of <paramref name="symbol"/>, in submission order.</summary>
    IReadOnlyList<OrderTicket> WorkingOrders(Symbol symbol);

    /// <summary>How many orders of <paramref name="symbol"/> are working.</summary>
    int WorkingOrderCountOf(Symbol symbol);

    /// <summary>How many orders of the universe's symbol at <paramref name="symbolIndex"/> are working.</summary>
    int WorkingOrderCountOf(int symbolIndex);

    /// <summary>Accepts the order or rejects it with a reason; it can fill from the first bar after
    /// <paramref name="time"/>. <paramref name="referencePrice"/> (the latest close) prices it for the account's check.</summary>
    OrderTicket Submit(OrderRequest order, DateTime time, decimal referencePrice);

    /// <summary><see cref="Submit(OrderRequest, DateTime, decimal)"/> of an order on the universe's symbol at
    /// <paramref name="symbolIndex"/>.</summary>
    OrderTicket Submit(OrderRequest order, DateTime time, decimal referencePrice, int symbolIndex);

    /// <summary>Two orders on one symbol of which only one may trade.</summary>
    (OrderTicket First, OrderTicket Second) SubmitOneCancelsOther(OrderRequest first, OrderRequest second, DateTime time, decimal referencePrice);

    /// <summary>An entry with a take-profit and a stop-loss, one-cancels-other with each other.</summary>
    Bracket SubmitBracket(OrderRequest entry, decimal takeProfit, decimal stopLoss, DateTime time, decimal referencePrice);

    /// <summary>Cancels a working order; false when it is not working (filled, cancelled, unknown).</summary>
    bool Cancel(long orderId, DateTime time);

    /// <summary>Changes a working order's quantity or prices.</summary>
    OrderTicket Replace(long orderId, OrderChange change, DateTime time);

    /// <summary>Bar <paramref name="index"/> of <paramref name="series"/> (the universe's symbol at
    /// <paramref name="symbolIndex"/>) has begun: the fills of that symbol's working orders for it.</summary>
    void OnBar(int symbolIndex, BarSeries series, int index, ICollection<Fill> fills);

    /// <summary>The bar has closed: fills at its close of orders that may fill on the bar they were decided on.</summary>
    void OnBarClose(Symbol symbol, in Bar bar, ICollection<Fill> fills);

    /// <summary>The session of <paramref name="time"/> is over for the bars seen: day orders expire.</summary>
    void OnSessionEnd(DateTime time);

    /// <summary>A split takes effect: working orders' quantities and prices follow it.</summary>
    void ApplySplit(Symbol symbol, decimal ratio, DateTime time);

    /// <summary>The account as the venue holds it (cash and positions), to reconcile with the journal's ledger.</summary>
    VenueAccount Account();
}
