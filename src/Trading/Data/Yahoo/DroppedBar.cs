namespace Trading.Data.Yahoo;

/// <summary>A bar Yahoo sent that breaks the <see cref="Domain.BarRule"/>, left out of the chart: its stamp and why.</summary>
public sealed record DroppedBar(DateTime Time, string Problem);
