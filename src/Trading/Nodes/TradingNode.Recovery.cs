using System.Text;
using Trading.Domain;
using Trading.Journal;

namespace Trading.Nodes;

/// <summary>Recovery: the journal replayed through the engine, entry by entry.</summary>
public sealed partial class TradingNode
{
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var records = new List<JournalRecord>();
        await foreach (var record in _services.Journal.ReadAsync(_definition.Id, _journalStart, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        if (records.Count == 0)
        {
            return;
        }

        var steps = records.Where(r => r.Kind == StepRecord.Kinds.Step).Select(r => r.StepTime).ToList();
        var bars = steps.Count == 0 ? [] : await StoredBarsAsync(steps[0], steps[^1], cancellationToken).ConfigureAwait(false);
        var cursors = new int[bars.Length];
        StartEngineOnce();
        var i = 0;
        while (i < records.Count)
        {
            var head = records[i];
            IReadOnlyList<(string Kind, ReadOnlyMemory<byte> Payload)> produced;
            if (head.Kind == StepRecord.Kinds.Step)
            {
                var slice = new List<(Symbol, Bar)>();
                for (var s = 0; s < bars.Length; s++)
                {
                    if (_active is { } active && !active[s])
                    {
                        continue;
                    }

                    var series = bars[s];
                    while (cursors[s] < series.Count && series.Time[cursors[s]] < head.StepTime)
                    {
                        cursors[s]++;
                    }

                    if (cursors[s] < series.Count && series.Time[cursors[s]] == head.StepTime)
                    {
                        slice.Add((series.Symbol, series[cursors[s]++]));
                    }
                }

                if (slice.Count == 0)
                {
                    throw new NodeRecoveryException(_definition.Id, head.Sequence, $"the journal has a step at {head.StepTime:O}, but the store holds no bar of the universe at that time: were bars deleted since?");
                }

                _timeline.Enqueue(head.StepTime, slice);
                _timeline.Advance();
                _engine.Step();
                _steps++;
                _lastStep = head.StepTime;
                produced = _record.Take(includeStep: true);
                Compare(records, i, produced, bars: true);
            }
            else if (head.Kind == NodeCommand.Kind)
            {
                var command = NodeCommand.FromJson(head.Payload);
                try
                {
                    Apply(command, head.StepTime);
                }
                catch (InvalidOperationException e)
                {
                    throw new NodeRecoveryException(_definition.Id, head.Sequence, $"the command at {head.StepTime:O} no longer applies: {e.Message}");
                }

                produced = [(head.Kind, head.Payload), .. _record.Take(includeStep: false)];
                Compare(records, i, produced, bars: false);
            }
            else
            {
                throw new NodeRecoveryException(_definition.Id, head.Sequence, $"the journal has a '{head.Kind}' entry where a step or a command begins");
            }

            i += produced.Count;
        }

        _published.Clear();
        _nextSequence = records[^1].Sequence + 1;
        Snapshot();
    }

    /// <summary>The universe's stored bars over the journaled steps.</summary>
    private async Task<BarSeries[]> StoredBarsAsync(DateTime first, DateTime last, CancellationToken cancellationToken)
    {
        var bars = new BarSeries[_universe.Length];
        for (var s = 0; s < _universe.Length; s++)
        {
            bars[s] = await _services.Store.ReadBarsAsync(_universe[s], _interval, first, last, cancellationToken).ConfigureAwait(false);
        }

        return bars;
    }

    private void Compare(List<JournalRecord> records, int start, IReadOnlyList<(string Kind, ReadOnlyMemory<byte> Payload)> produced, bool bars)
    {
        for (var k = 0; k < produced.Count; k++)
        {
            var at = start + k;
            var (kind, payload) = produced[k];
            if (at >= records.Count || records[at].Kind is StepRecord.Kinds.Step or NodeCommand.Kind && k > 0)
            {
                throw new NodeRecoveryException(_definition.Id, at < records.Count ? records[at].Sequence : records[^1].Sequence + 1, $"replaying the step at {records[start].StepTime:O} gives more entries than the journal holds (the next is {kind} {Text(payload)})");
            }

            var stored = records[at];
            if (stored.Kind != kind || !stored.Payload.Span.SequenceEqual(payload.Span))
            {
                var why = bars && k == 0
                    ? "the stored bars at that time differ from those the node stepped (imported again since?)"
                    : "the engine does not reproduce what the node did (another program version or strategy code?)";
                throw new NodeRecoveryException(_definition.Id, stored.Sequence, $"replaying the step at {records[start].StepTime:O}: {why}; the journal has {stored.Kind} {Text(stored.Payload)}, the replay {kind} {Text(payload)}");
            }
        }

        var next = start + produced.Count;
        if (next < records.Count && records[next].Kind is not (StepRecord.Kinds.Step or NodeCommand.Kind))
        {
            throw new NodeRecoveryException(_definition.Id, records[next].Sequence, $"replaying the step at {records[start].StepTime:O} gives fewer entries than the journal holds (the next is {records[next].Kind} {Text(records[next].Payload)})");
        }
    }

    private static string Text(ReadOnlyMemory<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload.Span);
        return text.Length <= 300 ? text : text[..300] + "...";
    }
}
