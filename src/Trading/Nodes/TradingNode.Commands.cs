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

    /// <summary>Runs <paramref name="commands"/> one after the other at <paramref name="at"/> (default: the node's
    /// clock) and journals them all, with their effects, in one transaction: a rebalance's cancels and orders are
    /// stored together or not at all.</summary>
    /// <returns>For each command, whether it changed anything and the order it concerns.</returns>
    /// <exception cref="InvalidOperationException">A command does not apply (see <see cref="SubmitAsync"/>); the
    /// commands before it in the batch were applied in memory and not journaled, so the node must be started
    /// again (it says so) to replay its journal.</exception>
    public async Task<IReadOnlyList<(bool Changed, OrderTicket? Ticket)>> RunCommandsAsync(IReadOnlyList<NodeCommand> commands, DateTime? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (!_recovered)
        {
            throw new InvalidOperationException($"node {_definition.Id} has not been started in this process: start it first, then halt or resume it");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfStale();
            var time = JournalRule.ToStored(at ?? Clock ?? Now());
            var results = new List<(bool Changed, OrderTicket? Ticket)>(commands.Count);
            var entries = new List<JournalRecordDraft>();
            foreach (var command in commands)
            {
                (bool Changed, OrderTicket? Ticket) result;
                try
                {
                    result = Apply(command, time);
                }
                catch (Exception) when (entries.Count > 0)
                {
                    _stale = "a batch of commands failed part-way";
                    throw;
                }

                results.Add(result);
                if (result.Changed)
                {
                    entries.Add(new(time, NodeCommand.Kind, command.ToJson(time)));
                    // Copied: the next command's entries reuse the record's buffer.
                    foreach (var (kind, payload) in _record.Take(includeStep: false))
                    {
                        entries.Add(new(time, kind, payload.ToArray()));
                    }
                }
            }

            if (entries.Count == 0)
            {
                return results;
            }

            await AppendUnderLeaseAsync(entries, cancellationToken).ConfigureAwait(false);
            Publish();
            Snapshot();
            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends this node's life in its journal with one entry that no replay of the node reads: a node made
    /// with the entry's sequence as its journal's start goes on from there (the paper account's reset). This node
    /// takes no command after it.</summary>
    /// <returns>The entry's sequence.</returns>
    public async Task<long> EndJournalAsync(string kind, ReadOnlyMemory<byte> payload, DateTime time, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfStale();
            await AppendUnderLeaseAsync([new JournalRecordDraft(JournalRule.ToStored(time), kind, payload)], cancellationToken).ConfigureAwait(false);
            _stale = "its journal was ended";
            return _nextSequence - 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Appends under the lease the run holds, or under one taken for this append when the node is not
    /// running (stopped, finished, or driven by requests).</summary>
    private async Task AppendUnderLeaseAsync(List<JournalRecordDraft> entries, CancellationToken cancellationToken)
    {
        if (_holdsLease)
        {
            await AppendAsync(entries, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await TakeLeaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _stale = e.Message;
            throw;
        }

        try
        {
            await AppendAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseLeaseAsync().ConfigureAwait(false);
        }
    }

    private async Task<(bool Changed, OrderTicket? Ticket)> RunCommandAsync(NodeCommand command, CancellationToken cancellationToken) =>
        (await RunCommandsAsync([command], null, cancellationToken).ConfigureAwait(false))[0];

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
                if (request.ClientOrderId is { } clientOrderId && _engine.Venue.FindByClientOrderId(clientOrderId) is { } sent)
                {
                    // Sent again by a client that could not know the first went through: the same order, nothing new.
                    return (false, sent);
                }

                var index = Array.IndexOf(_universe, request.Symbol);
                var seen = index < 0 ? 0 : _timeline.BarsSeen(index);
                if (index >= 0 && command.Price is { } given)
                {
                    // The caller priced it (the paper account, at the stored close at its clock).
                    _active?[index] = true;
                    return (true, _engine.Venue.Submit(request, time, given, index));
                }

                if (seen == 0)
                {
                    throw new InvalidOperationException(index < 0
                        ? $"{request.Symbol} is not in node {_definition.Id}'s universe ({string.Join(", ", _universe.Take(10))}{(_universe.Length > 10 ? ", ..." : string.Empty)})"
                        : $"node {_definition.Id} has no bar of {request.Symbol} yet: an order needs a price to be checked against");
                }

                // As a strategy's order at the last step: priced at its close, filling from the next bar on.
                var price = BarPrice.ToDecimal(_timeline.Series[index].Close[seen - 1]);
                _active?[index] = true;
                return (true, _engine.Venue.Submit(request, time, price, index));
            case "clock":
                if (Clock is { } clock && time <= clock)
                {
                    return (false, null);
                }

                _clockMoved = time;
                return (true, null);
            case "cancel":
                var ticket = _engine.Venue.Find(command.OrderId);
                return ticket is null ? (false, null) : (_engine.Venue.Cancel(command.OrderId, time), ticket);
            default:
                throw new InvalidOperationException($"a node has no command '{command.Action}'");
        }
    }
}
