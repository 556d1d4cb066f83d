using Trading.Feeds;
using Trading.Journal;

namespace Trading.Nodes;

/// <summary>The feed followed: each slice stepped through the engine, its entries journaled in one transaction, and
/// the order events it made published after.</summary>
public sealed partial class TradingNode
{
    private async Task FollowFeedAsync(DateTime? until, CancellationToken cancellationToken)
    {
        _feed = _services.Feeds(_definition);
        var symbols = _indexSymbol is { } index ? [.. _universe, index] : _universe;
        var request = new FeedRequest(symbols, _interval, Clock);
        var writesBars = _definition.Feed != "replay";
        await foreach (var slice in _feed.ReadAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (slice.Time > until)
            {
                break;
            }

            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (writesBars)
                {
                    // Bars from a live feed are stored before the step is journaled, so that recovery finds them.
                    await StoreAsync(slice, cancellationToken).ConfigureAwait(false);
                }

                if (!Step(slice))
                {
                    continue;
                }

                await AppendAsync(Drafts(slice.Time, _record.Take(includeStep: true)), CancellationToken.None).ConfigureAwait(false);
                Publish();
                Snapshot();
                await RenewLeaseIfDueAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Steps the engine over one slice; false when the slice holds no bar of the universe (only the index).</summary>
    private bool Step(BarSlice slice)
    {
        if (_indexSymbol is { } index && slice.TryGet(index, out var bar))
        {
            if (_index is not null && (_index.Count == 0 || bar.Time > _index.LastTime))
            {
                _index.Add(bar);
                _engine.SetMarketIndex(_index.View(index, _interval));
            }
        }

        if (!_timeline.Enqueue(slice, _indexSymbol, _active))
        {
            return false;
        }

        _timeline.Advance();
        try
        {
            _engine.Step();
        }
        catch (OverflowException e)
        {
            throw _engine.Outgrown(e);
        }

        _steps++;
        _lastStep = slice.Time;
        return true;
    }

    private void Publish()
    {
        if (_published.Count == 0)
        {
            return;
        }

        var last = _published[^1];
        _lastEvent = $"{last.Time:yyyy-MM-dd HH:mm} order {last.OrderId} {last.Status}{(last.FillQuantity != 0 ? $" {last.FillQuantity} at {last.FillPrice}" : string.Empty)}{(last.Reason is { } r ? $": {r}" : string.Empty)}";
        if (_services.Events is { } events)
        {
            foreach (var e in _published)
            {
                // A notification, not part of the order's life: a publisher does not throw for its transport.
                _ = events.PublishAsync(e, CancellationToken.None);
            }
        }

        _published.Clear();
    }

    private static List<JournalRecordDraft> Drafts(DateTime time, IReadOnlyList<(string Kind, ReadOnlyMemory<byte> Payload)> entries)
    {
        var drafts = new List<JournalRecordDraft>(entries.Count);
        foreach (var (kind, payload) in entries)
        {
            drafts.Add(new JournalRecordDraft(time, kind, payload));
        }

        return drafts;
    }
}
