namespace Trading.Domain;

/// <summary>What a signal asks of the portfolio for one symbol.</summary>
public enum SignalAction
{
    /// <summary>Hold it or get into it: the symbol qualifies and ranks well enough.</summary>
    Buy,

    /// <summary>Keep it if held, but buy no more (for example while the market regime forbids new buys).</summary>
    Hold,

    /// <summary>Do not hold it: it fails a filter or ranks too low; <see cref="Signal.Reason"/> says which.</summary>
    Sell,
}
