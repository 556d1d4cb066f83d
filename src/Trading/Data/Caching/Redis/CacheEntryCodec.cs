using Trading.Domain;

namespace Trading.Data.Caching.Redis;

/// <summary>The bytes a store's answer takes in Redis: a compact binary form, exact to the bit for doubles and to
/// the scale for decimals, so a cached read is indistinguishable from the store's.</summary>
/// <remarks>The symbol and interval of bars and actions are in the key, not in the value. The format's version is
/// in every key (<see cref="RedisMarketDataCache"/>), so a program that changes it never reads the old bytes.</remarks>
internal static class CacheEntryCodec
{
    private const byte BarsTag = 1;
    private const byte ActionsTag = 2;
    private const byte ListTag = 3;

    public static byte[] Encode(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            switch (value)
            {
                case BarSeries series:
                    WriteBars(writer, series);
                    break;
                case IReadOnlyList<CorporateAction> actions:
                    WriteActions(writer, actions);
                    break;
                case IReadOnlyList<SeriesSummary> list:
                    WriteList(writer, list);
                    break;
                default:
                    throw new ArgumentException($"The market data cache does not store {value.GetType()}.", nameof(value));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads back what <see cref="Encode"/> wrote for <paramref name="key"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an entry of the key's kind.</exception>
    public static object Decode(CacheKey key, byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        try
        {
            return key switch
            {
                BarsCacheKey bars => ReadBars(reader, bars.Symbol, bars.Interval),
                ActionsCacheKey actions => ReadActions(reader, actions.Symbol),
                ListCacheKey => ReadList(reader),
                _ => throw new InvalidDataException($"No cached entry has a key like {key}."),
            };
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"The cached entry for {key.Text} is damaged: {e.Message}", e);
        }
    }

    private static void WriteBars(BinaryWriter writer, BarSeries series)
    {
        writer.Write(BarsTag);
        writer.Write(series.Count);
        foreach (var time in series.Time)
        {
            writer.Write(time.Ticks);
        }

        WriteColumn(writer, series.Open);
        WriteColumn(writer, series.High);
        WriteColumn(writer, series.Low);
        WriteColumn(writer, series.Close);
        WriteColumn(writer, series.Volume);
    }

    private static void WriteColumn(BinaryWriter writer, ReadOnlySpan<double> column)
    {
        foreach (var value in column)
        {
            writer.Write(value);
        }
    }

    private static BarSeries ReadBars(BinaryReader reader, Symbol symbol, Interval interval)
    {
        Expect(reader, BarsTag);
        var count = reader.ReadInt32();
        if (count == 0)
        {
            return BarSeries.Empty(symbol, interval);
        }

        var time = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            time[i] = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
        }

        return new BarSeries(symbol, interval, time, ReadColumn(reader, count), ReadColumn(reader, count),
            ReadColumn(reader, count), ReadColumn(reader, count), ReadColumn(reader, count));
    }

    private static double[] ReadColumn(BinaryReader reader, int count)
    {
        var column = new double[count];
        for (var i = 0; i < count; i++)
        {
            column[i] = reader.ReadDouble();
        }

        return column;
    }

    private static void WriteActions(BinaryWriter writer, IReadOnlyList<CorporateAction> actions)
    {
        writer.Write(ActionsTag);
        writer.Write(actions.Count);
        foreach (var action in actions)
        {
            writer.Write(action.ExDate.DayNumber);
            writer.Write((byte)action.Kind);
            writer.Write(action.Value);
        }
    }

    private static List<CorporateAction> ReadActions(BinaryReader reader, Symbol symbol)
    {
        Expect(reader, ActionsTag);
        var count = reader.ReadInt32();
        var actions = new List<CorporateAction>(count);
        for (var i = 0; i < count; i++)
        {
            actions.Add(new CorporateAction(
                symbol,
                DateOnly.FromDayNumber(reader.ReadInt32()),
                (CorporateActionKind)reader.ReadByte(),
                reader.ReadDecimal()));
        }

        return actions;
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<SeriesSummary> list)
    {
        writer.Write(ListTag);
        writer.Write(list.Count);
        foreach (var summary in list)
        {
            writer.Write(summary.Symbol.Value);
            writer.Write(summary.Interval.Code);
            writer.Write(summary.First.Ticks);
            writer.Write(summary.Last.Ticks);
            writer.Write(summary.BarCount);
        }
    }

    private static List<SeriesSummary> ReadList(BinaryReader reader)
    {
        Expect(reader, ListTag);
        var count = reader.ReadInt32();
        var list = new List<SeriesSummary>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(new SeriesSummary(
                Symbol.Parse(reader.ReadString()),
                Interval.Parse(reader.ReadString()),
                new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
                new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
                reader.ReadInt64()));
        }

        return list;
    }

    private static void Expect(BinaryReader reader, byte tag)
    {
        var found = reader.ReadByte();
        if (found != tag)
        {
            throw new FormatException($"expected an entry of kind {tag}, found kind {found}");
        }
    }
}
