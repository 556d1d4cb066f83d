using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;

namespace Trading.Risk;

/// <summary>The simulated account as pre-trade risk reads it: the ledger's equity and positions, the venue's working
/// orders. Read live: each question is answered from the books as they are now.</summary>
public sealed class LedgerRiskAccount : IRiskAccount
{
    private readonly Ledger _ledger;
    private readonly IVenue _venue;

    public LedgerRiskAccount(Ledger ledger, IVenue venue)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(venue);
        _ledger = ledger;
        _venue = venue;
    }

    public decimal Equity => _ledger.Equity;

    public IReadOnlyCollection<Symbol> HeldSymbols
    {
        get
        {
            var symbols = new List<Symbol>(_ledger.OpenPositions.Count);
            foreach (var position in _ledger.OpenPositions)
            {
                symbols.Add(position.Symbol);
            }

            return symbols;
        }
    }

    /// <remarks>Every order ever submitted is visited: a node's orders number in the thousands, and this is read once
    /// per order checked, not per bar.</remarks>
    public IReadOnlyList<WorkingOrder> WorkingOrders
    {
        get
        {
            var working = new List<WorkingOrder>(_venue.WorkingOrderCount);
            foreach (var ticket in _venue.Orders)
            {
                if (ticket.Status.IsWorking())
                {
                    var request = ticket.Request;
                    working.Add(new WorkingOrder(ticket.Id, request.Symbol, request.Side, request.Type, ticket.RemainingQuantity, request.LimitPrice ?? request.StopPrice ?? ticket.TrailingStopPrice));
                }
            }

            return working;
        }
    }

    public decimal QuantityOf(Symbol symbol) => _ledger.QuantityOf(symbol);

    /// <summary>An open position's mark (the node marks them every bar); otherwise the latest close the venue checked
    /// a working order of the symbol against, which is newer than a flat position's last fill; otherwise the last
    /// price the ledger knows.</summary>
    public decimal? PriceOf(Symbol symbol)
    {
        var position = _ledger.PositionOf(symbol);
        if (position is { IsOpen: true })
        {
            return BarPrice.ToDecimal(position.LastPrice);
        }

        var working = _venue.WorkingOrders(symbol);
        if (working.Count > 0)
        {
            return working[^1].ReferencePrice;
        }

        return position is null ? null : BarPrice.ToDecimal(position.LastPrice);
    }
}
