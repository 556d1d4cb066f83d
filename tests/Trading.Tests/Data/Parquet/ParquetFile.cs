using Parquet;
using Parquet.Schema;

namespace Trading.Tests.Data.Parquet;

/// <summary>Writes test Parquet files with Parquet.Net: each column a field and its values, in one or more row groups.</summary>
internal static class ParquetFile
{
    public static async Task WriteAsync(string path, IReadOnlyList<(DataField Field, Array Values)> columns, int rowGroupSize = int.MaxValue)
    {
        var schema = new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray());
        var rows = columns[0].Values.Length;
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        for (var start = 0; start < rows; start += rowGroupSize)
        {
            var count = Math.Min(rowGroupSize, rows - start);
            using var group = writer.CreateRowGroup();
            foreach (var (field, values) in columns)
            {
                await WriteColumnAsync(group, field, values, start, count);
            }
        }
    }

    private static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Array values, int start, int count)
    {
        switch (values)
        {
            case string?[] texts:
                await group.WriteAsync(field, texts.Skip(start).Take(count).ToArray());
                break;
            case double?[] d:
                await group.WriteAsync<double>(field, d.AsMemory(start, count));
                break;
            case double[] d:
                await group.WriteAsync<double>(field, d.AsMemory(start, count));
                break;
            case float[] f:
                await group.WriteAsync<float>(field, f.AsMemory(start, count));
                break;
            case decimal[] m:
                await group.WriteAsync<decimal>(field, m.AsMemory(start, count));
                break;
            case long[] l:
                await group.WriteAsync<long>(field, l.AsMemory(start, count));
                break;
            case int[] i:
                await group.WriteAsync<int>(field, i.AsMemory(start, count));
                break;
            case bool[] b:
                await group.WriteAsync<bool>(field, b.AsMemory(start, count));
                break;
            case DateTime?[] t:
                await group.WriteAsync<DateTime>(field, t.AsMemory(start, count));
                break;
            case DateTime[] t:
                await group.WriteAsync<DateTime>(field, t.AsMemory(start, count));
                break;
            default:
                throw new ArgumentException($"no writer for {values.GetType()}");
        }
    }
}
