namespace Trading.Accounting;

/// <summary>How an account pays for positions: a cash account only with its own cash, a margin account with
/// borrowed money and borrowed shares up to a leverage limit.</summary>
public enum AccountType
{
    /// <summary>No shorting, no borrowing: a buy may cost at most the free cash, a sell may close at most what is held.</summary>
    Cash = 1,

    /// <summary>Long and short, with gross exposure up to <see cref="AccountSettings.MaxLeverage"/> times equity.</summary>
    Margin = 2,
}
