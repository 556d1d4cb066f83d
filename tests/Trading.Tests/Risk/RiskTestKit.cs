using Trading.Domain;
using Trading.Risk;

namespace Trading.Tests.Risk;

/// <summary>Orders, times and a risk instance on NYSE sessions for the risk tests.</summary>
internal static class RiskTestKit
{
    /// <summary>Wednesday 3 January 2024, 10:00 in New York: inside a session.</summary>
    public static readonly DateTime Morning = new(2024, 1, 3, 15, 0, 0, DateTimeKind.Utc);

    public static PreTradeRisk NewRisk(RiskLimits limits, RiskState? state = null) => new(limits, NyseCalendar.Instance, state);

    public static OrderRequest Buy(Symbol symbol, decimal quantity) => OrderRequest.Market(symbol, OrderSide.Buy, quantity);

    public static OrderRequest Sell(Symbol symbol, decimal quantity) => OrderRequest.Market(symbol, OrderSide.Sell, quantity);
}
