using System.Diagnostics;
using System.Globalization;

namespace Trading.Nodes;

/// <summary>Who holds a node's lease: <c>host:pid:random</c>, so that a process can tell a holder of its own machine
/// that was killed (its process is gone) from one that is alive or elsewhere.</summary>
public static class NodeOwner
{
    public static string ThisProcess()
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return owner.Length <= 128 ? owner : owner[^128..];
    }

    /// <summary>Whether <paramref name="owner"/> names a process of this machine that no longer runs.</summary>
    public static bool IsDeadHere(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var parts = owner.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            // This process: alive, though another of its owners (an earlier run in the same process) is done.
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
