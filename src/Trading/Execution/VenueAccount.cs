using Trading.Domain;

namespace Trading.Execution;

/// <summary>Cash and positions as a venue holds them: what a node compares with the ledger it rebuilt from its
/// journal before it trades again.</summary>
public sealed record VenueAccount(decimal Cash, IReadOnlyDictionary<Symbol, decimal> Positions);
