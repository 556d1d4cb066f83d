using Trading.Backtesting;
using Trading.Backtesting.Config;
using Trading.Domain;
using Trading.Server.Data;
using Trading.Strategies;

namespace Trading.Server.Backtests;

/// <summary>Where a submitted backtest is in its life.</summary>
internal enum BacktestStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>One submitted backtest: what to run (checked in full before it was queued) and what became of it.</summary>
/// <remarks>The worker writes, request threads read: status and progress are published with volatile writes, and the
/// result before the status that announces it.</remarks>
internal sealed class BacktestJob(
    string id,
    StrategyDefinition strategy,
    StrategyParameters parameters,
    IReadOnlyDictionary<string, ParameterSource> parameterSources,
    IReadOnlyList<Symbol>? symbols,
    BarRange range,
    Symbol? benchmark,
    RunConfig config,
    DateTime submittedAt) : IProgress<double>
{
    private double _progress;
    private int _status = (int)BacktestStatus.Queued;

    public string Id { get; } = id;

    public StrategyDefinition Strategy { get; } = strategy;

    public StrategyParameters Parameters { get; } = parameters;

    /// <summary>Where each parameter's value came from: the request, the stored configuration, or the default.</summary>
    public IReadOnlyDictionary<string, ParameterSource> ParameterSources { get; } = parameterSources;

    /// <summary>The stored symbols to run over, or null for the synthetic market.</summary>
    public IReadOnlyList<Symbol>? Symbols { get; } = symbols;

    public BarRange Range { get; } = range;

    public Symbol? Benchmark { get; } = benchmark;

    /// <summary>The run's models and data as the client gave them (checked): its settings, and what the result records.</summary>
    public RunConfig Config { get; } = config;

    public BacktestSettings Settings { get; } = config.ToSettings();

    public DateTime SubmittedAt { get; } = submittedAt;

    public DateTime? StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public BacktestStatus Status => (BacktestStatus)Volatile.Read(ref _status);

    /// <summary>From 0 to 1 while running, as the engine reports it.</summary>
    public double Progress => Volatile.Read(ref _progress);

    public string? Error { get; private set; }

    /// <summary>The reports of a run that succeeded, compressed (the run's own objects are not kept).</summary>
    public KeptResult? Result { get; private set; }

    /// <summary>What keeping this job costs against <c>Server:BacktestResultsBudgetBytes</c>.</summary>
    public long KeptBytes => Result?.Bytes ?? 0;

    public void Report(double value) => Volatile.Write(ref _progress, value);

    public void Started(DateTime time)
    {
        StartedAt = time;
        Volatile.Write(ref _status, (int)BacktestStatus.Running);
    }

    public void Succeeded(KeptResult result, DateTime time)
    {
        Result = result;
        FinishedAt = time;
        Volatile.Write(ref _progress, 1.0);
        Volatile.Write(ref _status, (int)BacktestStatus.Succeeded);
    }

    public void Failed(string error, DateTime time)
    {
        Error = error;
        FinishedAt = time;
        Volatile.Write(ref _status, (int)BacktestStatus.Failed);
    }
}
