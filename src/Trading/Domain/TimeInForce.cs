namespace Trading.Domain;

/// <summary>How long an order works.</summary>
public enum TimeInForce
{
    /// <summary>Until filled or cancelled.</summary>
    GoodTillCancelled = 0,

    /// <summary>For the next session only; what is left then expires.</summary>
    Day = 1,
}
