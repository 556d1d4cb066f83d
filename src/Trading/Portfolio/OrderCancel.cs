namespace Trading.Portfolio;

/// <summary>A working order a new plan replaces, and why.</summary>
public sealed record OrderCancel(WorkingOrder Order, string Reason);
