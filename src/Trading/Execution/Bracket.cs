namespace Trading.Execution;

/// <summary>The three tickets of a bracket order: the entry, and the exits placed once it fills.</summary>
public sealed record Bracket(OrderTicket Entry, OrderTicket TakeProfit, OrderTicket StopLoss);
