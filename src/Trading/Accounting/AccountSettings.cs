namespace Trading.Accounting;

/// <summary>The account's funding rules: its type and, for a margin account, the most gross exposure it may hold as
/// a multiple of equity.</summary>
/// <remarks>A cash account cannot borrow, so its leverage is 1; the ledger refuses a cash account with any other
/// value rather than silently ignoring it (the two properties are set in either order, so the check waits until the
/// settings are used).</remarks>
public sealed record AccountSettings
{
    private readonly AccountType _type = AccountType.Cash;
    private readonly decimal _maxLeverage = 1m;

    public AccountType Type
    {
        get => _type;
        init => _type = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Type), value, "An account is AccountType.Cash or AccountType.Margin.");
    }

    /// <summary>Gross exposure (the sum of absolute position values) allowed after an order, as a multiple of equity:
    /// 1 lets a margin account be fully invested long and short combined, 2 doubles that. Default 1.</summary>
    public decimal MaxLeverage
    {
        get => _maxLeverage;
        init => _maxLeverage = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxLeverage), value, $"Maximum leverage must be positive (1 is no borrowing, 2 is twice equity); got {value}.");
    }

    /// <summary>A cash account: no shorting, no borrowing.</summary>
    public static AccountSettings CashAccount { get; } = new();

    /// <summary>A margin account allowing gross exposure of <paramref name="maxLeverage"/> times equity.</summary>
    public static AccountSettings MarginAccount(decimal maxLeverage) => new() { Type = AccountType.Margin, MaxLeverage = maxLeverage };

    /// <summary>Why these settings cannot be used, or null when they can.</summary>
    public string? Problem => _type == AccountType.Cash && _maxLeverage != 1m
        ? $"A cash account cannot borrow, so its MaxLeverage must be 1; got {_maxLeverage}. Use AccountType.Margin for leverage."
        : null;
}
