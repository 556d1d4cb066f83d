using Microsoft.Extensions.Logging;
using Trading.Data.Storage;

namespace Trading.Nodes;

/// <summary>The node's lease in the store: two processes never drive one node; a holder of this machine that was
/// killed gives it up at once, a live one never.</summary>
public sealed partial class TradingNode
{
    /// <summary>Takes the node's lease, or the lease of a holder of this machine that no longer runs.</summary>
    /// <exception cref="NodeBusyException">Another live process holds it.</exception>
    private async Task TakeLeaseAsync(CancellationToken cancellationToken)
    {
        var journal = _services.Journal;
        var id = _definition.Id;
        if (await journal.TryAcquireLeaseAsync(id, _services.Owner, _services.LeaseDuration, Now(), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var lease = await journal.ReadLeaseAsync(id, cancellationToken).ConfigureAwait(false);
        if (lease is null || !NodeOwner.IsDeadHere(lease.Owner)
            || !await journal.TryAcquireLeaseAsync(id, _services.Owner, _services.LeaseDuration, lease.ExpiresAt, cancellationToken).ConfigureAwait(false))
        {
            throw new NodeBusyException(id, lease);
        }

        // Its holder ran on this machine and runs no more (killed): the lease is taken as expired rather than
        // waited out. The journal's append checks the lease in its own transaction, so a holder that was only
        // paused could not write after this anyway.
        LogDeadLeaseTaken(_logger, id, lease.Owner);
    }

    private async Task ReleaseLeaseAsync()
    {
        try
        {
            await _services.Journal.ReleaseLeaseAsync(_definition.Id, _services.Owner, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The lease then expires by itself; another process can take the node after its duration.
            LogLeaseNotReleased(_logger, _definition.Id, e.Message);
        }
    }

    private async Task KeepLeaseAsync(CancellationTokenSource running)
    {
        var token = running.Token;
        try
        {
            while (true)
            {
                await Task.Delay(_services.LeaseDuration / 3, _services.Clock, token).ConfigureAwait(false);
                try
                {
                    // An expiry nobody else used (the machine slept) is taken again; a lease another process holds is lost.
                    if (!await _services.Journal.RenewLeaseAsync(_definition.Id, _services.Owner, _services.LeaseDuration, Now(), token).ConfigureAwait(false)
                        && !await _services.Journal.TryAcquireLeaseAsync(_definition.Id, _services.Owner, _services.LeaseDuration, Now(), token).ConfigureAwait(false))
                    {
                        _leaseLost = true;
                        await running.CancelAsync().ConfigureAwait(false);
                        return;
                    }

                    _leaseRenewedAt = Now();
                }
                catch (MarketDataStoreException e)
                {
                    // The store is away: the next renewal tries again; an append under an expired lease is refused.
                    LogStorePaused(_logger, _definition.Id, "renewing its lease", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task RenewLeaseIfDueAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        if (now - _leaseRenewedAt < _services.LeaseDuration / 3)
        {
            return;
        }

        if (!await _services.Journal.RenewLeaseAsync(_definition.Id, _services.Owner, _services.LeaseDuration, now, cancellationToken).ConfigureAwait(false))
        {
            throw new NodeBusyException(_definition.Id, await _services.Journal.ReadLeaseAsync(_definition.Id, cancellationToken).ConfigureAwait(false));
        }

        _leaseRenewedAt = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: took over the lease of {Owner}, a process of this machine that no longer runs")]
    private static partial void LogDeadLeaseTaken(ILogger logger, string node, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: its lease could not be released ({Error}); it expires by itself")]
    private static partial void LogLeaseNotReleased(ILogger logger, string node, string error);
}
