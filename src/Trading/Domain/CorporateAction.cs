namespace Trading.Domain;

/// <summary>What happened to a share on a date.</summary>
public enum CorporateActionKind
{
    /// <summary>Each old share becomes <see cref="CorporateAction.Value"/> new shares (4:1 is 4, 1:10 is 0.1).</summary>
    Split = 1,

    /// <summary>A cash payment of <see cref="CorporateAction.Value"/> per share to holders before the ex-date.</summary>
    CashDividend = 2,
}

/// <summary>A split or a cash dividend of one symbol, effective on its ex-date.</summary>
public sealed record CorporateAction
{
    public CorporateAction(Symbol symbol, DateOnly exDate, CorporateActionKind kind, decimal value)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown corporate action kind.");
        }

        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                kind == CorporateActionKind.Split
                    ? "A split ratio must be positive (4:1 is 4, a 1:10 reverse split is 0.1)."
                    : "A cash dividend must be a positive amount per share.");
        }

        Symbol = symbol;
        ExDate = exDate;
        Kind = kind;
        Value = value;
    }

    public Symbol Symbol { get; }

    public DateOnly ExDate { get; }

    public CorporateActionKind Kind { get; }

    /// <summary>The split ratio (new shares per old share) or the dividend per share, in the price currency.</summary>
    public decimal Value { get; }

    public static CorporateAction Split(Symbol symbol, DateOnly exDate, decimal ratio) =>
        new(symbol, exDate, CorporateActionKind.Split, ratio);

    /// <summary>A split given as Yahoo gives it: numerator new shares for denominator old ones.</summary>
    public static CorporateAction Split(Symbol symbol, DateOnly exDate, decimal numerator, decimal denominator) =>
        denominator <= 0
            ? throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "A split denominator must be positive.")
            : new(symbol, exDate, CorporateActionKind.Split, numerator / denominator);

    public static CorporateAction CashDividend(Symbol symbol, DateOnly exDate, decimal amountPerShare) =>
        new(symbol, exDate, CorporateActionKind.CashDividend, amountPerShare);

    public override string ToString() => Kind == CorporateActionKind.Split
        ? $"{Symbol} split {Value}:1 on {ExDate:yyyy-MM-dd}"
        : $"{Symbol} dividend {Value} on {ExDate:yyyy-MM-dd}";
}
