using System.Globalization;
using Trading.Accounting;
using Trading.Execution;

namespace Trading.Backtesting.Config;

/// <summary>Everything a backtest run needs, in one vocabulary for the JSON run config (<c>trade backtest --config
/// run.json</c>), the command line's flags and the HTTP backtest request: what runs (strategy and parameters), over
/// what (data selection) and how (cost, fill and account models).</summary>
/// <remarks>Every member is optional: null means "not given here", so layers combine (<see cref="Over"/>: flags over a
/// file) and <see cref="WithDefaults"/> fills what no layer gave. A run records its effective config, and that record
/// read back runs the same run again.</remarks>
public sealed record RunConfig
{
    /// <summary>A strategy's name: a built-in, one of the configured strategy files, or one of the strategies in
    /// <see cref="StrategyFile"/> or <see cref="StrategyAssembly"/>.</summary>
    public string? Strategy { get; init; }

    /// <summary>A user's C# strategy file (a config's relative path is resolved against its folder).</summary>
    public string? StrategyFile { get; init; }

    /// <summary>The SHA-256 of <see cref="StrategyFile"/> (lower-case hex) when the run was recorded; a file that
    /// hashes otherwise now is refused, since it is not the code that ran.</summary>
    public string? StrategySha256 { get; init; }

    /// <summary>A compiled strategy library (a config's relative path is resolved against its folder).</summary>
    public string? StrategyAssembly { get; init; }

    /// <summary>Strategy parameters, name to value (<see cref="decimal"/>, <see cref="int"/>, <see cref="bool"/> or
    /// <see cref="string"/>), over those stored for the strategy and its defaults.</summary>
    public IReadOnlyDictionary<string, object>? Parameters { get; init; }

    /// <summary>Stored symbols to trade.</summary>
    public IReadOnlyList<string>? Symbols { get; init; }

    /// <summary>A file listing stored symbols to trade (a config's relative path is resolved against its folder).</summary>
    public string? Universe { get; init; }

    /// <summary>A CSV file to trade instead of stored symbols.</summary>
    public DataFile? Csv { get; init; }

    /// <summary>A Parquet file to trade instead of stored symbols.</summary>
    public DataFile? Parquet { get; init; }

    /// <summary>First bar, yyyy-MM-dd; null: from the first bar there is.</summary>
    public string? StartDate { get; init; }

    /// <summary>Last bar, yyyy-MM-dd; null: to the last bar there is.</summary>
    public string? EndDate { get; init; }

    /// <summary>Bar interval code (1d, 1h, ...).</summary>
    public string? Interval { get; init; }

    /// <summary>A market index the strategy reads for a regime filter, not traded.</summary>
    public string? Index { get; init; }

    /// <summary>A benchmark for alpha and beta.</summary>
    public string? Benchmark { get; init; }

    public decimal? InitialCash { get; init; }

    public CostModelChoice<ICommissionModel>? Commission { get; init; }

    public CostModelChoice<ISlippageModel>? Slippage { get; init; }

    /// <summary>The cap on one order's share of a bar's volume; null: no cap.</summary>
    public decimal? MaxVolumeParticipation { get; init; }

    /// <summary>Whether market orders may fill at the close of the bar that decided them (look-ahead; off by default).</summary>
    public bool? FillOnSameBar { get; init; }

    public AccountType? Account { get; init; }

    /// <summary>A margin account's most gross exposure over equity (2 unless given; a cash account's is 1).</summary>
    public decimal? Leverage { get; init; }

    /// <summary>Annual risk-free rate for Sharpe, Sortino and alpha.</summary>
    public double? RiskFree { get; init; }

    /// <summary>This layer over <paramref name="lower"/>: whatever this one gives wins. Three groups move as a
    /// whole, since mixing them would run something nobody asked for: the strategy (a name given here keeps the
    /// lower layer's file, to choose among its strategies; a file or assembly here replaces it all, and the lower
    /// layer's parameters stay only while the strategy is the same); the traded data (symbols and universe, or
    /// csv); the account (a type given here drops the lower layer's leverage for another type).</summary>
    public RunConfig Over(RunConfig lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        var ownsSource = StrategyFile is not null || StrategyAssembly is not null;
        var sameStrategy = !ownsSource && (Strategy is null || lower.Strategy is null || string.Equals(Strategy, lower.Strategy, StringComparison.OrdinalIgnoreCase));
        var ownsData = Symbols is not null || Universe is not null || Csv is not null || Parquet is not null;
        var sameAccount = Account is null || Account == (lower.Account ?? AccountType.Cash);
        return new RunConfig
        {
            Strategy = Strategy ?? (ownsSource ? null : lower.Strategy),
            StrategyFile = ownsSource ? StrategyFile : lower.StrategyFile,
            StrategySha256 = ownsSource ? StrategySha256 : lower.StrategySha256,
            StrategyAssembly = ownsSource ? StrategyAssembly : lower.StrategyAssembly,
            Parameters = sameStrategy ? Merge(Parameters, lower.Parameters) : Parameters,
            Symbols = ownsData ? Symbols : lower.Symbols,
            Universe = ownsData ? Universe : lower.Universe,
            Csv = ownsData ? Csv : lower.Csv,
            Parquet = ownsData ? Parquet : lower.Parquet,
            StartDate = StartDate ?? lower.StartDate,
            EndDate = EndDate ?? lower.EndDate,
            Interval = Interval ?? lower.Interval,
            Index = Index ?? lower.Index,
            Benchmark = Benchmark ?? lower.Benchmark,
            InitialCash = InitialCash ?? lower.InitialCash,
            Commission = Commission ?? lower.Commission,
            Slippage = Slippage ?? lower.Slippage,
            MaxVolumeParticipation = MaxVolumeParticipation ?? lower.MaxVolumeParticipation,
            FillOnSameBar = FillOnSameBar ?? lower.FillOnSameBar,
            Account = Account ?? lower.Account,
            Leverage = Leverage ?? (sameAccount ? lower.Leverage : null),
            RiskFree = RiskFree ?? lower.RiskFree,
        };
    }

    /// <summary>Every model and number a run uses, defaults filled in (no commission, no slippage, no cap, no
    /// same-bar fills, a cash account, 100,000, a risk-free rate of 0, daily bars): what a run records.</summary>
    public RunConfig WithDefaults()
    {
        var account = Account ?? AccountType.Cash;
        return this with
        {
            Interval = Interval ?? Domain.Interval.Daily.Code,
            InitialCash = InitialCash ?? RunNumbers.InitialCash.Default,
            Commission = Commission ?? CommissionModels.None.WithDefaults(),
            Slippage = Slippage ?? SlippageModels.None.WithDefaults(),
            FillOnSameBar = FillOnSameBar ?? false,
            Account = account,
            Leverage = Leverage ?? (account == AccountType.Margin ? RunNumbers.Leverage.Default : 1m),
            RiskFree = RiskFree ?? 0,
        };
    }

    /// <summary>What is wrong with the combination of values (each value was checked on its own as it was read),
    /// as (field, message) pairs: leverage on a cash account, a csv file beside stored symbols, a strategy file beside an assembly.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Account is null or AccountType.Cash && Leverage is { } leverage && leverage != 1m)
        {
            // A cash account never borrows: the leverage would be dropped without a word and the run look leveraged.
            problems.Add(("leverage", $"leverage applies to a margin account; choose one (account margin, --account margin) to borrow up to {ModelNumber.Text(leverage)} times equity (a cash account never borrows)"));
        }

        if (Csv is not null && (Symbols is not null || Universe is not null))
        {
            problems.Add(("csv", "give a csv file or stored symbols (symbols, universe), not both"));
        }

        if (Parquet is not null && (Symbols is not null || Universe is not null))
        {
            problems.Add(("parquet", "give a parquet file or stored symbols (symbols, universe), not both"));
        }

        if (Csv is not null && Parquet is not null)
        {
            problems.Add(("parquet", "give a csv file or a parquet file (--csv FILE or --parquet FILE), not both"));
        }

        if (StrategyFile is not null && StrategyAssembly is not null)
        {
            problems.Add(("strategy_file", "give a strategy file or a strategy assembly, not both"));
        }

        return problems;
    }

    /// <summary>The engine's settings for this config, defaults filled in.</summary>
    /// <exception cref="ArgumentException">A combination <see cref="Problems"/> names.</exception>
    public BacktestSettings ToSettings()
    {
        if (Problems() is [var (_, message), ..])
        {
            throw new ArgumentException(message);
        }

        var full = WithDefaults();
        var settings = new BacktestSettings
        {
            InitialCash = full.InitialCash!.Value,
            RiskFreeRate = full.RiskFree!.Value,
            Account = full.Account == AccountType.Margin ? AccountSettings.MarginAccount(full.Leverage!.Value) : new AccountSettings(),
            Venue = new VenueSettings
            {
                Commission = full.Commission!.Create(),
                Slippage = full.Slippage!.Create(),
                MaxVolumeParticipation = full.MaxVolumeParticipation,
                FillOnSameBar = full.FillOnSameBar!.Value,
            },
        };
        settings.Validate();
        return settings;
    }

    /// <summary>The parameters as text, as the command line's <c>--set</c> gives them, for binding to a schema.</summary>
    public IReadOnlyDictionary<string, string> ParameterTexts()
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Parameters ?? new Dictionary<string, object>())
        {
            texts[name] = value switch
            {
                bool b => b ? "true" : "false",
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
        }

        return texts;
    }

    private static Dictionary<string, object>? Merge(IReadOnlyDictionary<string, object>? upper, IReadOnlyDictionary<string, object>? lower)
    {
        if (upper is null && lower is null)
        {
            return null;
        }

        // Names ignore case, as a strategy's schema matches them: --set FAST=5 replaces the file's "fast": 10.
        var merged = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in lower ?? new Dictionary<string, object>())
        {
            merged[name] = value;
        }

        foreach (var (name, value) in upper ?? new Dictionary<string, object>())
        {
            merged.Remove(name);
            merged[name] = value;
        }

        return merged;
    }
}
