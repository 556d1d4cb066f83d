using System.Diagnostics.CodeAnalysis;

namespace Trading.Domain;

/// <summary>A ticker as Yahoo spells it: AAPL, BRK-B, BRK.B, ^GSPC, EURUSD=X, ES=F. Always upper case.</summary>
/// <remarks>
/// The allowed alphabet is deliberately narrow (letters, digits, <c>. - ^ = _</c>) so that a symbol can never carry
/// a quote, a space, a path separator or SQL into a file name, a URL or a query.
/// </remarks>
public readonly record struct Symbol : IComparable<Symbol>
{
    public const int MaxLength = 32;

    private readonly string? _value;

    private Symbol(string value) => _value = value;

    /// <summary>The normalised (upper-case) ticker.</summary>
    public string Value => _value ?? throw new InvalidOperationException("An uninitialised Symbol has no value.");

    /// <summary>Parses a ticker, or throws <see cref="ArgumentException"/> naming the bad value and the rule.</summary>
    public static Symbol Parse(string? text)
    {
        if (TryParse(text, out var symbol, out var error))
        {
            return symbol;
        }

        throw new ArgumentException(error, nameof(text));
    }

    public static bool TryParse(string? text, out Symbol symbol) => TryParse(text, out symbol, out _);

    public static bool TryParse(string? text, out Symbol symbol, [NotNullWhen(false)] out string? error)
    {
        symbol = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "A symbol must not be empty.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"A symbol is at most {MaxLength} characters; got {text.Length}.";
            return false;
        }

        foreach (var c in text)
        {
            if (!IsAllowed(c))
            {
                error = $"'{Shorten(text)}' is not a valid symbol: it may contain only letters, digits and . - ^ = _ (like AAPL, BRK-B, ^GSPC, EURUSD=X).";
                return false;
            }
        }

        if (!char.IsAsciiLetterOrDigit(text[0]) && text[0] != '^')
        {
            error = $"'{text}' is not a valid symbol: it must start with a letter, a digit or ^.";
            return false;
        }

        error = null;
        symbol = new Symbol(text.ToUpperInvariant());
        return true;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '^' or '=' or '_';

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    public int CompareTo(Symbol other) => string.CompareOrdinal(_value, other._value);

    public override string ToString() => _value ?? string.Empty;

    public static implicit operator string(Symbol symbol) => symbol.Value;
}
