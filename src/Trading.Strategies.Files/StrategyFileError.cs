using System.Globalization;

namespace Trading.Strategies.Files;

/// <summary>One reason a strategy file (or assembly) gives no strategies: a compile error with its place in the file,
/// or a problem found once it compiled (no strategy in it, a definition that throws, a name used twice).</summary>
/// <param name="File">The file as the user named it (<c>my_breakout.cs</c>, <c>strategies/rsi.cs</c>).</param>
/// <param name="Line">1-based line, or 0 when the problem has no place in the text.</param>
/// <param name="Column">1-based column, or 0.</param>
/// <param name="Code">The compiler's id (<c>CS1002</c>), or null for a problem found after compiling.</param>
public sealed record StrategyFileError(string File, int Line, int Column, string? Code, string Message)
{
    /// <summary>As a compiler prints it: <c>my_breakout.cs(12,5): error CS1002: ; expected</c>; a problem without a
    /// place or a code reads <c>my_breakout.cs: error: no strategy in the file ...</c>.</summary>
    public override string ToString()
    {
        var place = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column})") : File;
        return Code is null ? $"{place}: error: {Message}" : $"{place}: error {Code}: {Message}";
    }
}
