using Microsoft.Extensions.Logging;

namespace Trading.Cli;

/// <summary>What a long-running command's components log (a paper node, its feed, the Yahoo provider), as lines on
/// the command's standard error: warnings and errors from all, information from this program's own (a feed that
/// answers again), never the HTTP client's line per request.</summary>
internal sealed class ErrorLog(TextWriter error, bool overStatusLine) : ILoggerProvider
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName.StartsWith("Trading.", StringComparison.Ordinal) ? LogLevel.Information : LogLevel.Warning);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message)
    {
        var line = $"{(level >= LogLevel.Error ? "error" : level == LogLevel.Warning ? "warning" : "info")}: {message.ReplaceLineEndings(" ")}";
        lock (_lock)
        {
            // At a terminal the line takes the place of the status line, which is written again after it.
            error.WriteLine(overStatusLine ? $"\r{line,-110}" : line);
        }
    }

    private sealed class Logger(ErrorLog log, LogLevel least) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= least && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write(logLevel, formatter(state, exception));
            }
        }
    }
}
