using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;

namespace Trading.Server.Paper;

/// <summary>What a reader of the paper account sees while it holds the account.</summary>
internal sealed record PaperAccountState(Ledger Ledger, IVenue Venue, IReadOnlyList<Fill> Fills, IReadOnlyList<EquityPoint> History, DateTime? AsOf);
