using System.Data.Common;
using Trading.Data;
using Trading.Data.Storage;

namespace Trading.Cli;

/// <summary>Which failures are the user's to fix, and how to say them in one line.</summary>
internal static class CliErrors
{
    public static bool IsUserFacing(Exception ex) => ex is ArgumentException
        or FormatException
        or InvalidDataException
        or IOException
        or UnauthorizedAccessException
        or MarketDataUnavailableException
        or HttpRequestException
        or DbException
        or MarketDataStoreException
        or CliException;

    public static string OneLine(Exception ex)
    {
        var message = ex is ArgumentException arg && arg.ParamName is not null
            ? arg.Message.Replace($" (Parameter '{arg.ParamName}')", string.Empty, StringComparison.Ordinal)
            : ex.Message;
        return message.ReplaceLineEndings(" ");
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
