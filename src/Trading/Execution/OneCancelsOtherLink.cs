namespace Trading.Execution;

/// <summary>Two orders of which only one may trade: the first fill of either cancels the other.</summary>
internal sealed class OneCancelsOtherLink(OrderTicket first, OrderTicket second)
{
    public OrderTicket First { get; } = first;

    public OrderTicket Second { get; } = second;

    public OrderTicket OtherThan(OrderTicket ticket) => ReferenceEquals(ticket, First) ? Second : First;

    public static void Join(OrderTicket first, OrderTicket second)
    {
        var link = new OneCancelsOtherLink(first, second);
        first.OneCancelsOtherLink = link;
        second.OneCancelsOtherLink = link;
    }
}
