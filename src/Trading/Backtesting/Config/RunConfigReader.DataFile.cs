using System.Text.Json;
using Trading.Data.Csv;

namespace Trading.Backtesting.Config;

public static partial class RunConfigReader
{
    /// <summary>A <c>csv</c> or <c>parquet</c> object: the file, its symbol and how to read it.</summary>
    private sealed partial class Context
    {
        public DataFile? DataFile(JsonElement value, string path, string kind, string example)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                Problems.Add($"{path} must be an object such as {{\"path\": \"{example}\", \"symbol\": \"NVDA\"}}; got {JsonShown.Of(value)}");
                return null;
            }

            string? file = null;
            string? symbol = null;
            var format = BarFileFormat.Default;
            var before = Problems.Count;
            foreach (var property in value.EnumerateObject())
            {
                var at = $"{path}.{property.Name}";
                switch (property.Name)
                {
                    case "path":
                        file = FilePath(property.Value, at);
                        break;
                    case "symbol":
                        symbol = Symbol(property.Value, at);
                        break;
                    case "columns":
                        format = format with { Columns = Columns(property.Value, at) };
                        break;
                    case "date_format":
                        format = format with { DateFormat = Text(property.Value, at) };
                        break;
                    case "time_zone":
                        format = format with { TimeZone = Text(property.Value, at) };
                        break;
                    default:
                        Problems.Add($"{at} is not a {path} property; valid: {string.Join(", ", DataFilePropertyNames)}");
                        break;
                }
            }

            try
            {
                format.Validate();
            }
            catch (ArgumentException e)
            {
                var part = e.ParamName == nameof(BarFileFormat.TimeZone) ? "time_zone" : "date_format";
                Problems.Add($"{path}.{part}: {e.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
            }

            if (file is null)
            {
                if (!value.TryGetProperty("path", out _))
                {
                    Problems.Add($"{path}.path is required: the {kind} file's path (relative to the config's folder)");
                }

                return null;
            }

            return Problems.Count > before ? null : new DataFile(file) { Symbol = symbol, Format = format };
        }

        /// <summary><c>{"date": "Timestamp", "close": "Last", "volume": ""}</c>: the fields of
        /// <see cref="ColumnMapping"/>, each naming its column as the header spells it.</summary>
        private ColumnMapping Columns(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return ColumnMapping.None;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                Problems.Add($"{path} must be an object such as {{\"date\": \"Timestamp\", \"close\": \"Last\"}}; got {JsonShown.Of(value)}");
                return ColumnMapping.None;
            }

            var pairs = new List<string>();
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    Problems.Add($"{path}.{property.Name} must be a column name (a string); got {JsonShown.Of(property.Value)}");
                    continue;
                }

                pairs.Add($"{property.Name}={property.Value.GetString()}");
            }

            try
            {
                return pairs.Count == 0 ? ColumnMapping.None : ColumnMapping.Parse(string.Join(',', pairs));
            }
            catch (FormatException e)
            {
                Problems.Add($"{path} {e.Message}");
                return ColumnMapping.None;
            }
        }
    }
}
