using Trading.Domain;
using Trading.Portfolio;

namespace Trading.Risk;

/// <summary>The account as pre-trade risk reads it: equity, shares held and their latest prices, and the orders that
/// can still fill. Implemented over the ledger and the simulated venue (<see cref="LedgerRiskAccount"/>) and, later,
/// over a broker's account and open orders.</summary>
/// <remarks>Cash is not here on purpose: whether the account can pay for an order is the account's own check at the
/// venue (<see cref="Execution.IOrderFunding"/>); no risk limit reads it.</remarks>
public interface IRiskAccount
{
    /// <summary>Cash plus the market value of every position (shorts count negative).</summary>
    decimal Equity { get; }

    /// <summary>The symbols with shares held, long or short, each once.</summary>
    IReadOnlyCollection<Symbol> HeldSymbols { get; }

    /// <summary>Shares held: positive long, negative short, zero when flat.</summary>
    decimal QuantityOf(Symbol symbol);

    /// <summary>The latest price of <paramref name="symbol"/>, which its shares and working orders are valued at;
    /// null when the account has none (a symbol it never held nor ordered).</summary>
    decimal? PriceOf(Symbol symbol);

    /// <summary>The orders that can still fill (accepted or partially filled), each with what remains of it.</summary>
    IReadOnlyList<WorkingOrder> WorkingOrders { get; }
}
