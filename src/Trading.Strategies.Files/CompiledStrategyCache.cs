using System.Security.Cryptography;

namespace Trading.Strategies.Files;

/// <summary>Compiled strategy files, one file per key in a folder: a header (a tag and the SHA-256 of the image) and
/// the assembly image. An entry is written whole under a temporary name and renamed into place, so two processes
/// compiling the same file at once each leave a whole entry (the same bytes: compiles are deterministic), and a reader
/// never sees half of one.</summary>
/// <remarks>The checksum turns a damaged entry (a disk error, a copy cut short, a hand edit) into a miss that is
/// compiled again, rather than an assembly that fails to load or, worse, loads and misbehaves.</remarks>
internal sealed class CompiledStrategyCache(string directory)
{
    private static ReadOnlySpan<byte> Tag => "trade-sf1"u8;

    private static int HeaderLength => Tag.Length + SHA256.HashSizeInBytes;

    public string Directory { get; } = directory;

    public string PathOf(string key) => Path.Combine(Directory, key + ".compiled");

    /// <summary>The image kept under <paramref name="key"/>; null with no problem when there is none, null with the
    /// reason when the entry is damaged or unreadable.</summary>
    public (byte[]? Image, string? Problem) Read(string key)
    {
        var path = PathOf(key);
        byte[] entry;
        try
        {
            entry = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"it could not be read ({e.Message})");
        }

        if (entry.Length <= HeaderLength || !entry.AsSpan(0, Tag.Length).SequenceEqual(Tag))
        {
            return (null, "it is not a compiled strategy file");
        }

        var image = entry.AsSpan(HeaderLength);
        return SHA256.HashData(image).AsSpan().SequenceEqual(entry.AsSpan(Tag.Length, SHA256.HashSizeInBytes))
            ? (image.ToArray(), null)
            : (null, "its checksum does not match its content");
    }

    /// <summary>Keeps <paramref name="image"/> under <paramref name="key"/>, replacing whatever was there; null when
    /// done, else why not (a read-only folder): not keeping it costs the next run a compile, nothing more.</summary>
    public string? Write(string key, byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var temporary = Path.Combine(Directory, $"{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(Tag);
                file.Write(SHA256.HashData(image));
                file.Write(image);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, PathOf(key), overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return $"the compiled file could not be kept in {Directory} ({e.Message}); the next run compiles it again";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; a temporary name is never read.
        }
    }
}
