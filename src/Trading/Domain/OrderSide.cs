namespace Trading.Domain;

/// <summary>Buy or sell; the value is the sign a fill's quantity has in a position.</summary>
public enum OrderSide
{
    Buy = 1,
    Sell = -1,
}
