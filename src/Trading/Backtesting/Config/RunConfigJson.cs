using System.Text.Json;
using Trading.Accounting;
using Trading.Execution;

namespace Trading.Backtesting.Config;

/// <summary>Writes a run config as the JSON <see cref="RunConfigReader"/> reads: every model with all its numbers,
/// and null for what was not chosen (no cap, no dates), so a reader sees the whole run. The file-only members (a
/// strategy file or assembly and its hash, a universe file, a csv file) are written only when set.</summary>
public static class RunConfigJson
{
    public static void Write(Utf8JsonWriter json, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(config);
        json.WriteStartObject();
        String(json, "strategy", config.Strategy);
        Optional(json, "strategy_file", config.StrategyFile);
        Optional(json, "strategy_sha256", config.StrategySha256);
        Optional(json, "strategy_assembly", config.StrategyAssembly);
        json.WriteStartObject("parameters");
        foreach (var (name, value) in config.Parameters ?? new Dictionary<string, object>())
        {
            json.WritePropertyName(name);
            ParameterJson.WriteValue(json, value);
        }

        json.WriteEndObject();
        if (config.Symbols is { } symbols)
        {
            json.WriteStartArray("symbols");
            foreach (var symbol in symbols)
            {
                json.WriteStringValue(symbol);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("symbols");
        }

        Optional(json, "universe", config.Universe);
        DataFile(json, "csv", config.Csv);
        DataFile(json, "parquet", config.Parquet);

        String(json, "start_date", config.StartDate);
        String(json, "end_date", config.EndDate);
        String(json, "interval", config.Interval);
        String(json, "index", config.Index);
        String(json, "benchmark", config.Benchmark);
        Number(json, "initial_cash", config.InitialCash);
        if (config.Commission is { } commission)
        {
            CostModelCatalog<ICommissionModel>.Write(json, "commission", commission);
        }
        else
        {
            json.WriteNull("commission");
        }

        if (config.Slippage is { } slippage)
        {
            CostModelCatalog<ISlippageModel>.Write(json, "slippage", slippage);
        }
        else
        {
            json.WriteNull("slippage");
        }

        Number(json, "max_volume_participation", config.MaxVolumeParticipation);
        if (config.FillOnSameBar is { } sameBar)
        {
            json.WriteBoolean("fill_on_same_bar", sameBar);
        }
        else
        {
            json.WriteNull("fill_on_same_bar");
        }

        String(json, "account", config.Account switch
        {
            AccountType.Cash => "cash",
            AccountType.Margin => "margin",
            _ => null,
        });
        Number(json, "leverage", config.Leverage);
        if (config.RiskFree is { } riskFree && double.IsFinite(riskFree))
        {
            json.WriteNumber("risk_free", riskFree);
        }
        else
        {
            json.WriteNull("risk_free");
        }

        json.WriteEndObject();
    }

    private static void DataFile(Utf8JsonWriter json, string name, DataFile? file)
    {
        if (file is null)
        {
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("path", file.Path);
        String(json, "symbol", file.Symbol);
        if (!file.Format.Columns.IsEmpty)
        {
            json.WriteStartObject("columns");
            foreach (var (field, column) in file.Format.Columns.Pairs())
            {
                json.WriteString(field, column);
            }

            json.WriteEndObject();
        }

        Optional(json, "date_format", file.Format.DateFormat);
        Optional(json, "time_zone", file.Format.TimeZone);
        json.WriteEndObject();
    }

    private static void String(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
