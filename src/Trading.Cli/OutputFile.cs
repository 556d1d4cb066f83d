using System.Collections.Concurrent;
using System.Text;

namespace Trading.Cli;

/// <summary>A file a command writes (<c>--json</c>, <c>--report</c>, <c>--out</c>, <c>--csv DIR</c>'s files, the demo's
/// reports): refused before the work starts when it must not be written (a directory, the database, the command's
/// own input), then replaced whole or not at all.</summary>
/// <remarks>The content goes to a hidden file beside the target, renamed over it once complete: a failure, a full
/// disk or Ctrl-C midway leaves the previous file as it was, never half a report. Devices and pipes (<c>/dev/stdout</c>,
/// a FIFO) cannot be renamed over and are written in place.</remarks>
internal sealed class OutputFile
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly PartialFiles _partial;

    private OutputFile(string option, string path, PartialFiles partial)
    {
        Option = option;
        FullName = path;
        _partial = partial;
    }

    /// <summary>The option that named the file, for messages: <c>--json</c>.</summary>
    public string Option { get; }

    public string FullName { get; }

    /// <summary>Checks <paramref name="path"/> for <paramref name="option"/> before any work: it must not be a
    /// directory nor any of <paramref name="protectedPaths"/> (the database and its journals, the command's input
    /// files), each named by what it is.</summary>
    public static OutputFile Check(string option, string path, PartialFiles partial, IEnumerable<(string Path, string What)> protectedPaths)
    {
        ArgumentNullException.ThrowIfNull(protectedPaths);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException($"{option} needs a file name; got '{path}'");
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException($"{option} {full} is a directory; give a file name in it");
        }

        var target = Resolve(full);
        foreach (var (other, what) in protectedPaths)
        {
            if (string.Equals(target, Resolve(Path.GetFullPath(other)), PathComparison))
            {
                throw new CliException($"{option} {full} is {what}; writing there would destroy it, so give another file");
            }
        }

        return new OutputFile(option, target, partial);
    }

    /// <summary>The database file and the journals SQLite keeps beside it, as paths an output must not take.</summary>
    public static IEnumerable<(string Path, string What)> Database(string? databasePath) =>
        databasePath is null
            ? []
            : [(databasePath, "the database"), (databasePath + "-wal", "the database's journal"), (databasePath + "-shm", "the database's journal"), (databasePath + "-journal", "the database's journal")];

    /// <summary>Writes the file through <paramref name="write"/>: complete, or not at all.</summary>
    public void Write(Action<Stream> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var directory = Path.GetDirectoryName(FullName)!;
        Directory.CreateDirectory(directory);
        if (InPlace(FullName))
        {
            using var device = new FileStream(FullName, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
            write(device);
            return;
        }

        var partial = Path.Combine(directory, $".{Path.GetFileName(FullName)}.{Guid.NewGuid():N}.partial");
        _partial.Add(partial);
        try
        {
            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(partial, FullName, overwrite: true);
        }
        finally
        {
            _partial.Delete(partial);
        }
    }

    /// <summary>Writes the file as UTF-8 text through <paramref name="write"/>: complete, or not at all.</summary>
    public void WriteText(Action<TextWriter> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(
            stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
                write(writer);
            },
            cancellationToken);
    }

    public override string ToString() => FullName;

    /// <summary>The file a path finally names, through any symbolic links.</summary>
    private static string Resolve(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            // A link loop or a dangling link: writing will say so; comparing the path itself is all we can do.
            return path;
        }
    }

    /// <summary>Devices and pipes: a rename would replace the node itself, not write to it.</summary>
    private static bool InPlace(string path)
    {
        if (!OperatingSystem.IsWindows() && (path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/proc/", StringComparison.Ordinal)))
        {
            return true;
        }

        if (!File.Exists(path))
        {
            return false;
        }

        // Opening without truncating changes nothing; a pipe or a terminal cannot seek.
        using var existing = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        return !existing.CanSeek;
    }
}

/// <summary>The hidden files an <see cref="OutputFile"/> is writing, so that a command cut short (Ctrl-C after the
/// grace period) leaves none behind.</summary>
internal sealed class PartialFiles
{
    private readonly ConcurrentDictionary<string, byte> _paths = new(StringComparer.Ordinal);

    public void Add(string path) => _paths[path] = 0;

    public void Delete(string path)
    {
        _paths.TryRemove(path, out _);
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still open by a writer that was abandoned; it is a hidden file and the best left to do is nothing.
        }
    }

    public void DeleteAll()
    {
        foreach (var path in _paths.Keys)
        {
            Delete(path);
        }
    }
}
