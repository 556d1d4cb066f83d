using System.Globalization;
using System.Text.Json;

namespace Trading.Backtesting;

/// <summary>A strategy parameter's value as JSON, typed as its schema types it (<c>120</c>, <c>0.05</c>, <c>true</c>,
/// <c>"weekly"</c>): the results and the run config write parameters alike, so a recorded run reads back the same.</summary>
public static class ParameterJson
{
    public static void WriteValue(Utf8JsonWriter json, object? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        switch (value)
        {
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case decimal d:
                json.WriteNumberValue(d);
                break;
            case double x when double.IsFinite(x):
                json.WriteNumberValue(x);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case null:
            case double:
                json.WriteNullValue();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
