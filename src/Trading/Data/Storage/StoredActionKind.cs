using Trading.Domain;

namespace Trading.Data.Storage;

/// <summary>Corporate action kinds as every store keeps them: words, not enum numbers, so a row reads plainly and survives a
/// renumbered enum.</summary>
internal static class StoredActionKind
{
    public const string Split = "split";
    public const string CashDividend = "cash_dividend";

    public static string From(CorporateActionKind kind) => kind switch
    {
        CorporateActionKind.Split => Split,
        CorporateActionKind.CashDividend => CashDividend,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown corporate action kind."),
    };

    public static CorporateActionKind Parse(string stored) => stored switch
    {
        Split => CorporateActionKind.Split,
        CashDividend => CorporateActionKind.CashDividend,
        _ => throw new FormatException($"'{stored}' is not a stored corporate action kind ({Split}, {CashDividend})."),
    };
}
