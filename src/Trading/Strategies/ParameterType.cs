namespace Trading.Strategies;

/// <summary>What kind of value a strategy parameter holds, which decides how its text is parsed.</summary>
public enum ParameterType
{
    /// <summary>A whole number (periods, share counts), held as <see cref="int"/>.</summary>
    Integer,

    /// <summary>An exact decimal number (fractions, thresholds), held as <see cref="decimal"/>.</summary>
    Decimal,

    /// <summary>true or false, held as <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>Free text, held as <see cref="string"/>.</summary>
    Text,
}
