namespace Trading.Data.Csv;

/// <summary>What an import does with a row that reads as numbers but breaks the <see cref="Trading.Domain.BarRule"/>
/// (a zero price, a close above the high, a date outside the supported range).</summary>
/// <remarks>Rows that cannot be read at all (a word for a price, missing columns) are always problems.</remarks>
public enum CsvInvalidBarPolicy
{
    /// <summary>Each such row is a problem and nothing is stored.</summary>
    Refuse,

    /// <summary>Each such row is left out, and reported with its line and what is wrong.</summary>
    Skip,
}
