using Trading.Domain;
using Trading.Execution;
using Trading.Journal;
using Trading.Risk;

namespace Trading.Nodes;

/// <summary>Commands: a person halts, resumes, orders or cancels between steps; each is journaled with its effects.</summary>
public sealed partial class TradingNode
{
    /// <summary>Halts the node: working orders are cancelled and new ones refused until <see cref="ResumeAsync"/>.
    /// Journaled, so a restarted node is halted still.</summary>
    /// <returns>False when it was halted already.</returns>
    public async Task<bool> HaltAsync(string reason, CancellationToken cancellationToken = default) =>
        (await RunCommandAsync(new NodeCommand("halt", reason), cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>Lets a halted node trade again; <paramref name="by"/> says who.</summary>
    /// <returns>False when it was not halted.</returns>
    public async Task<bool> ResumeAsync(string by, CancellationToken cancellationToken = default) =>
        (await RunCommandAsync(new NodeCommand("resume", by), cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>A person's order, submitted between steps as a strategy's would be at the last step (priced at its
    /// close, filling from the next bar); risk-checked like any other and journaled with its effects.</summary>
    /// <exception cref="InvalidOperationException">The symbol is not traded by the node or has no bar yet.</exception>
    public async Task<OrderTicket> SubmitAsync(OrderRequest order, CancellationToken cancellationToken = default) =>
        (await RunCommandAsync(NodeCommand.Submit(order), cancellationToken).ConfigureAwait(false)).Ticket!;

    /// <summary>Cancels what remains of an order; the ticket (null when there is no such order) and whether it was
    /// working.</summary>
    public async Task<(OrderTicket? Ticket, bool Cancelled)> CancelAsync(long orderId, CancellationToken cancellationToken = default)
    {
        var (changed, ticket) = await RunCommandAsync(NodeCommand.Cancel(orderId), cancellationToken).ConfigureAwait(false);
        return (ticket, changed);
    }

    private async Task<(bool Changed, OrderTicket? Ticket)> RunCommandAsync(NodeCommand command, CancellationToken cancellationToken)
    {
        if (!_recovered)
        {
            throw new InvalidOperationException($"node {_definition.Id} has not been started in this process: start it first, then halt or resume it");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var time = _lastStep ?? Now();
            var (changed, ticket) = Apply(command, time);
            if (!changed)
            {
                return (false, ticket);
            }

            var entries = new List<JournalRecordDraft> { new(time, NodeCommand.Kind, command.ToJson(time)) };
            entries.AddRange(Drafts(time, _record.Take(includeStep: false)));
            if (_holdsLease)
            {
                await AppendAsync(entries, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A node that is not running (stopped, finished) is journaled under a lease taken for the command.
                if (!await _services.Journal.TryAcquireLeaseAsync(_definition.Id, _services.Owner, _services.LeaseDuration, Now(), cancellationToken).ConfigureAwait(false))
                {
                    throw new NodeBusyException(_definition.Id, await _services.Journal.ReadLeaseAsync(_definition.Id, cancellationToken).ConfigureAwait(false));
                }

                try
                {
                    await AppendAsync(entries, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await _services.Journal.ReleaseLeaseAsync(_definition.Id, _services.Owner, CancellationToken.None).ConfigureAwait(false);
                }
            }

            Publish();
            Snapshot();
            return (true, ticket);
        }
        finally
        {
            _gate.Release();
        }
    }

    private (bool Changed, OrderTicket? Ticket) Apply(NodeCommand command, DateTime time)
    {
        switch (command.Action)
        {
            case "halt":
                if (!_risk.Halt(command.Text, time))
                {
                    return (false, null);
                }

                foreach (var order in _risk.OrdersToCancel(new LedgerRiskAccount(_engine.Ledger, _engine.Venue), time))
                {
                    _engine.Venue.Cancel(order.Id, time);
                }

                return (true, null);
            case "resume":
                return (_risk.Resume(command.Text, time), null);
            case "order":
                var request = command.Order!;
                var index = Array.IndexOf(_universe, request.Symbol);
                var seen = index < 0 ? 0 : _timeline.BarsSeen(index);
                if (seen == 0)
                {
                    throw new InvalidOperationException(index < 0
                        ? $"{request.Symbol} is not in node {_definition.Id}'s universe ({string.Join(", ", _universe.Take(10))}{(_universe.Length > 10 ? ", ..." : string.Empty)})"
                        : $"node {_definition.Id} has no bar of {request.Symbol} yet: an order needs a price to be checked against");
                }

                // As a strategy's order at the last step: priced at its close, filling from the next bar on.
                var price = BarPrice.ToDecimal(_timeline.Series[index].Close[seen - 1]);
                return (true, _engine.Venue.Submit(request, time, price, index));
            case "cancel":
                var ticket = _engine.Venue.Find(command.OrderId);
                return ticket is null ? (false, null) : (_engine.Venue.Cancel(command.OrderId, time), ticket);
            default:
                throw new InvalidOperationException($"a node has no command '{command.Action}'");
        }
    }
}
