using System.Diagnostics;
using System.Globalization;
using System.Runtime.Loader;

namespace Trading.Strategies.Files;

/// <summary>Where a user's strategy code threw: a failure there is the strategy's to fix, not a bug of the program
/// that ran it, and its author wants the file and line.</summary>
public static class StrategyFault
{
    /// <summary>One line naming the exception and the innermost frame of a user's strategy file or assembly it passed
    /// through (<c>NullReferenceException in Thrower.OnBar (thrower.cs, near line 16): Object reference not set ...</c>), or
    /// null when no user code was on its stack.</summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetMethod() is not { DeclaringType: { } type } method || AssemblyLoadContext.GetLoadContext(type.Assembly) is not StrategyLoadContext)
            {
                continue;
            }

            // Near: the code is optimised, so the line is the closest one the runtime maps back to, not always the one.
            var place = frame.GetFileName() is { Length: > 0 } file
                ? string.Create(CultureInfo.InvariantCulture, $" ({file}, near line {frame.GetFileLineNumber()})")
                : string.Empty;
            return $"{exception.GetType().Name} in {type.Name}.{method.Name}{place}: {exception.Message}";
        }

        return null;
    }
}
