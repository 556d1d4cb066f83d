using Trading.Accounting;

namespace Trading.Server.Paper;

/// <summary>The paper account now: cash, equity and its parts, and the open positions.</summary>
internal sealed record AccountView(
    DateTime? AsOf,
    decimal InitialCash,
    decimal Cash,
    decimal Equity,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal Dividends,
    decimal Commissions,
    int WorkingOrders,
    IReadOnlyList<PositionView> Positions)
{
    public static AccountView Of(PaperAccountState state)
    {
        var ledger = state.Ledger;
        return new AccountView(
            state.AsOf,
            ledger.InitialCash,
            ledger.Cash,
            ledger.Equity,
            ledger.RealizedPnl,
            ledger.UnrealizedPnl,
            ledger.DividendIncome,
            ledger.CommissionsPaid,
            state.Venue.WorkingOrderCount,
            PositionView.Of(ledger));
    }
}

/// <summary>One open position on an exact cost basis, marked at its last price.</summary>
internal sealed record PositionView(
    string Symbol,
    decimal Quantity,
    decimal AverageCost,
    decimal CostBasis,
    double LastPrice,
    decimal MarketValue,
    decimal UnrealizedPnl,
    decimal RealizedPnl,
    DateTime? OpenedAt)
{
    public static IReadOnlyList<PositionView> Of(Ledger ledger) =>
    [
        .. ledger.OpenPositions
            .OrderBy(p => p.Symbol)
            .Select(p => new PositionView(p.Symbol.Value, p.Quantity, p.AverageCost, p.CostBasis, p.LastPrice, p.MarketValue, p.UnrealizedPnl, p.RealizedPnl, p.OpenedAt)),
    ];
}
