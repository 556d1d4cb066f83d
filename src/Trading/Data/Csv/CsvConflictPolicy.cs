namespace Trading.Data.Csv;

/// <summary>What an import does when one date (or time) of a symbol appears twice with different values.</summary>
public enum CsvConflictPolicy
{
    /// <summary>Each conflicting row is a problem and nothing is stored: we cannot know which row is right.</summary>
    Refuse,

    /// <summary>The row read first (by file order, then line) is kept; the others are dropped and reported.</summary>
    KeepFirst,

    /// <summary>The row read last is kept; the others are dropped and reported.</summary>
    KeepLast,

    /// <summary>Every file holding a conflicting row is left out whole; the other files import.</summary>
    SkipFile,
}
