using System.Data.Common;
using Microsoft.Extensions.Options;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Strategies.Files;

namespace Trading.Cli;

/// <summary>Which failures are the user's to fix, and how to say any failure in one line.</summary>
internal static class CliErrors
{
    public static bool IsUserFacing(Exception ex) => ex is ArgumentException
        or FormatException
        or InvalidDataException
        or InvalidStoredBarException
        or IOException
        or UnauthorizedAccessException
        or MarketDataUnavailableException
        or HttpRequestException
        or DbException
        or MarketDataStoreException
        or OptionsValidationException
        or CliException;

    /// <summary>The text after <c>error:</c> for anything a command throws: the user's mistake as its message; a
    /// cancellation as such; anything else as an internal error, named so, with what to do about it. Never a stack
    /// trace: a user cannot act on one.</summary>
    public static string Describe(Exception ex)
    {
        var cause = Unwrap(ex);
        if (cause is OperationCanceledException)
        {
            return "cancelled";
        }

        if (StrategyFault.Describe(cause) is { } fault)
        {
            // The user's own strategy code threw: theirs to fix, with the place to look.
            return $"the strategy failed: {fault.ReplaceLineEndings(" ")}";
        }

        return IsUserFacing(cause)
            ? OneLine(cause)
            : $"internal error ({cause.GetType().Name}: {OneLine(cause)}); this is a bug in trade, not in your input: please report it with the command line that caused it";
    }

    public static string OneLine(Exception ex)
    {
        var message = ex switch
        {
            // .NET appends "Actual value was ..." and "(Parameter 'x')" to its own lines; ours already say both.
            ArgumentOutOfRangeException range when range.ActualValue is not null => range.Message.Replace($"{Environment.NewLine}Actual value was {range.ActualValue}.", string.Empty, StringComparison.Ordinal),

            // "Failed to load configuration from file 'appsettings.json'." says where, its inner exception what.
            InvalidDataException { InnerException: { } inner } => $"{ex.Message.TrimEnd('.')}: {Innermost(inner).Message}",
            _ => ex.Message,
        };
        if (ex is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ").Trim();
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    /// <summary>The exception a task or a parallel loop wrapped, when there is exactly one.</summary>
    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException aggregate && aggregate.Flatten().InnerExceptions is [var single])
        {
            ex = single;
        }

        return ex is AggregateException { InnerExceptions: [var first, ..] } ? first : ex;
    }
}

/// <summary>A command's own refusal, already phrased for the user.</summary>
public sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException()
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
