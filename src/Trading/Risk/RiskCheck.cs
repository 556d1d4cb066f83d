namespace Trading.Risk;

/// <summary>The pre-trade check that refused an order, in the order <see cref="PreTradeRisk.Check"/> applies them.</summary>
public enum RiskCheck
{
    /// <summary>The kill switch is on: every order is refused until a person resumes trading.</summary>
    Halted = 1,

    /// <summary>The order, its price, its time or the account cannot be valued (no price, beyond decimal's range,
    /// outside the calendar): refused rather than guessed.</summary>
    Unvalued = 2,

    /// <summary>Too many orders within the rate window.</summary>
    OrderRate = 3,

    /// <summary>The order's value is above <see cref="RiskLimits.MaxOrderValue"/>.</summary>
    OrderValue = 4,

    /// <summary>The daily loss limit was passed this session and the order does not reduce a position.</summary>
    DailyLoss = 5,

    /// <summary>The symbol's position after the order would be above <see cref="RiskLimits.MaxPositionValue"/>.</summary>
    PositionValue = 6,

    /// <summary>Gross exposure after the order would be above <see cref="RiskLimits.MaxGrossExposure"/>.</summary>
    GrossExposure = 7,
}
