using System.Buffers;
using System.Text.Json;
using Trading.Accounting;
using Trading.Domain;
using Trading.Engine;
using Trading.Execution;

namespace Trading.Nodes;

/// <summary>What one engine step did, as the journal keeps it: the step itself (its time, how many bars and a digest
/// of them), each order submitted, each order event, each fill, each other ledger transaction (dividends, splits,
/// deposits) and the equity after the step, in the order they happened.</summary>
/// <remarks>
/// <para>Each entry is one small JSON object written straight with <see cref="Utf8JsonWriter"/> (no reflection),
/// snake_case like the HTTP API, numbers exactly as the ledger holds them (decimals with their scale, doubles in their
/// shortest round-trip form). The same step run twice writes the same bytes, which is what recovery checks.</para>
/// <para>The recorder hears order events as the venue raises them and reads the rest (orders, fills, transactions,
/// the equity point) from where it left off after the previous step, so a step costs what it produced, not the
/// size of the history.</para>
/// </remarks>
public sealed class StepRecord
{
    /// <summary>The kinds of entries, as stored.</summary>
    public static class Kinds
    {
        public const string Step = "step";
        public const string Order = "order";
        public const string OrderEvent = "order_event";
        public const string Fill = "fill";
        public const string Transaction = "transaction";
        public const string Equity = "equity";
    }

    private readonly TradingEngine _engine;
    private readonly Timeline _timeline;
    private readonly List<OrderEvent> _events = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly List<(string Kind, int Start, int Length)> _entries = [];
    private readonly List<(string Kind, ReadOnlyMemory<byte> Payload)> _taken = [];
    private int _orders;
    private int _fills;
    private int _transactions;
    private int _points;

    public StepRecord(TradingEngine engine, Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(timeline);
        _engine = engine;
        _timeline = timeline;
        engine.Venue.OrderChanged += _events.Add;
        _writer = new Utf8JsonWriter(_buffer);
    }

    /// <summary>The entries of everything since the last call (the step just run, and anything done between steps:
    /// a manual order, a cancel): kind and payload, in order. The list and the payloads' buffer are the next call's again.</summary>
    public IReadOnlyList<(string Kind, ReadOnlyMemory<byte> Payload)> Take(bool includeStep)
    {
        _buffer.Clear();
        _entries.Clear();
        if (includeStep)
        {
            var start = Begin();
            WriteStep(_writer);
            End(Kinds.Step, start);
        }

        var orders = _engine.Venue.Orders;
        for (; _orders < orders.Count; _orders++)
        {
            var start = Begin();
            WriteOrder(_writer, orders[_orders]);
            End(Kinds.Order, start);
        }

        foreach (var e in _events)
        {
            var start = Begin();
            WriteEvent(_writer, e);
            End(Kinds.OrderEvent, start);
        }

        _events.Clear();
        var fills = _engine.Fills;
        for (; _fills < fills.Count; _fills++)
        {
            var start = Begin();
            WriteFill(_writer, fills[_fills]);
            End(Kinds.Fill, start);
        }

        var transactions = _engine.Ledger.Transactions;
        for (; _transactions < transactions.Count; _transactions++)
        {
            var transaction = transactions[_transactions];
            if (transaction.Kind is not (TransactionKind.Buy or TransactionKind.Sell))
            {
                var start = Begin();
                WriteTransaction(_writer, transaction);
                End(Kinds.Transaction, start);
            }
        }

        var curve = _engine.EquityCurve;
        for (; _points < curve.Count; _points++)
        {
            var start = Begin();
            WriteEquity(_writer, curve[_points]);
            End(Kinds.Equity, start);
        }

        var memory = _buffer.WrittenMemory;
        _taken.Clear();
        foreach (var (kind, start, length) in _entries)
        {
            _taken.Add((kind, memory.Slice(start, length)));
        }

        return _taken;
    }

    /// <summary>A digest of the bars of the current time (symbol, time and the five values, bit for bit): recovery
    /// re-reads the bars from the store and refuses to go on if one changed since the node stepped it.</summary>
    public static ulong BarDigest(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var hash = 14695981039346656037UL;
        foreach (var s in timeline.Due)
        {
            var bar = timeline.Series[s][timeline.BarsSeen(s) - 1];
            hash = Mix(hash, (ulong)s);
            hash = Mix(hash, (ulong)bar.Time.Ticks);
            hash = Mix(hash, (ulong)BitConverter.DoubleToInt64Bits(bar.Open));
            hash = Mix(hash, (ulong)BitConverter.DoubleToInt64Bits(bar.High));
            hash = Mix(hash, (ulong)BitConverter.DoubleToInt64Bits(bar.Low));
            hash = Mix(hash, (ulong)BitConverter.DoubleToInt64Bits(bar.Close));
            hash = Mix(hash, (ulong)BitConverter.DoubleToInt64Bits(bar.Volume));
        }

        return hash;
    }

    // FNV-1a over the value's bytes, eight at a time, then a multiply-xorshift so close values spread: stable across
    // processes and runs (string.GetHashCode and HashCode are not).
    private static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value;
        hash *= 1099511628211UL;
        return hash ^ (hash >> 29);
    }

    // One writer for every entry, reset onto the shared buffer: an entry costs its bytes, not a writer.
    private int Begin()
    {
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        return _buffer.WrittenCount;
    }

    private void End(string kind, int start)
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _entries.Add((kind, start, _buffer.WrittenCount - start));
    }

    private void WriteStep(Utf8JsonWriter w)
    {
        w.WriteString(Name.Time, _timeline.Time);
        w.WriteNumber(Name.Bars, _timeline.DueCount);
        w.WriteString(Name.BarDigest, BarDigest(_timeline).ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WriteOrder(Utf8JsonWriter w, OrderTicket ticket)
    {
        var request = ticket.Request;
        w.WriteNumber(Name.Id, ticket.Id);
        w.WriteString(Name.SubmittedAt, ticket.SubmittedAt);
        OrderRequestJson.Write(w, request);
        if (request.ClientOrderId is null && ticket.ClientOrderId is { } named)
        {
            w.WriteString(Name.ClientOrderId, named);
        }
    }

    private static void WriteEvent(Utf8JsonWriter w, OrderEvent e)
    {
        w.WriteNumber(Name.OrderId, e.OrderId);
        w.WriteString(Name.Time, e.Time);
        w.WriteString(Name.Status, e.Status.ToString());
        if (e.FillQuantity != 0)
        {
            w.WriteNumber(Name.FillQuantity, e.FillQuantity);
            w.WriteNumber(Name.FillPrice, e.FillPrice);
        }

        if (e.Reason is { } reason)
        {
            w.WriteString(Name.Reason, reason);
        }
    }

    private static void WriteFill(Utf8JsonWriter w, Fill fill)
    {
        w.WriteNumber(Name.OrderId, fill.OrderId);
        w.WriteString(Name.Time, fill.Time);
        w.WriteString(Name.Symbol, fill.Symbol.Value);
        w.WriteString(Name.Side, fill.Side.ToString());
        w.WriteNumber(Name.Quantity, fill.Quantity);
        w.WriteNumber(Name.Price, fill.Price);
        w.WriteNumber(Name.Commission, fill.Commission);
    }

    private static void WriteTransaction(Utf8JsonWriter w, Transaction t)
    {
        w.WriteString(Name.Time, t.Time);
        w.WriteString(Name.Kind, t.Kind.ToString());
        if (t.Symbol is { } symbol)
        {
            w.WriteString(Name.Symbol, symbol.Value);
        }

        w.WriteNumber(Name.Quantity, t.Quantity);
        w.WriteNumber(Name.Price, t.Price);
        w.WriteNumber(Name.Amount, t.Amount);
    }

    private static void WriteEquity(Utf8JsonWriter w, EquityPoint point)
    {
        w.WriteString(Name.Time, point.Time);
        w.WriteNumber(Name.Equity, point.Equity);
        w.WriteNumber(Name.Cash, point.Cash);
        w.WriteNumber(Name.GrossExposure, point.GrossExposure);
    }

    /// <summary>The property names, encoded once: an entry then costs its values, not its names' escaping.</summary>
    private static class Name
    {
        public static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");
        public static readonly JsonEncodedText BarDigest = JsonEncodedText.Encode("bar_digest");
        public static readonly JsonEncodedText Bars = JsonEncodedText.Encode("bars");
        public static readonly JsonEncodedText Cash = JsonEncodedText.Encode("cash");
        public static readonly JsonEncodedText ClientOrderId = JsonEncodedText.Encode("client_order_id");
        public static readonly JsonEncodedText Commission = JsonEncodedText.Encode("commission");
        public static readonly JsonEncodedText Equity = JsonEncodedText.Encode("equity");
        public static readonly JsonEncodedText FillPrice = JsonEncodedText.Encode("fill_price");
        public static readonly JsonEncodedText FillQuantity = JsonEncodedText.Encode("fill_quantity");
        public static readonly JsonEncodedText GrossExposure = JsonEncodedText.Encode("gross_exposure");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText OrderId = JsonEncodedText.Encode("order_id");
        public static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
        public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Side = JsonEncodedText.Encode("side");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText SubmittedAt = JsonEncodedText.Encode("submitted_at");
        public static readonly JsonEncodedText Symbol = JsonEncodedText.Encode("symbol");
        public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    }
}
