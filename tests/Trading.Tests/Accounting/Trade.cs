using Trading.Domain;

namespace Trading.Tests.Accounting;

/// <summary>Fills for ledger tests, stamped on day <c>day</c> of 2024.</summary>
internal static class Trade
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime Day(int day) => Start.AddDays(day);

    public static Fill Buy(string symbol, decimal quantity, decimal price, decimal commission = 0m, int day = 1) =>
        new(day, Day(day), Symbol.Parse(symbol), OrderSide.Buy, quantity, price, commission);

    public static Fill Sell(string symbol, decimal quantity, decimal price, decimal commission = 0m, int day = 1) =>
        new(day, Day(day), Symbol.Parse(symbol), OrderSide.Sell, quantity, price, commission);
}
