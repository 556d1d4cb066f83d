using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Trading.Strategies.Files;

/// <summary>Makes a user's strategies runnable: a C# file compiled at run time (and cached), or a compiled assembly,
/// each loaded into its own context and searched by <see cref="StrategyDiscovery"/>'s rule.</summary>
/// <remarks>
/// A file's build is cached by a key made of the file's content, this library's build and the compiler's, so a second
/// run of an unchanged file loads its assembly without starting the compiler (as fast as a built-in), and a new
/// version of the program compiles it again. What goes wrong is an <see cref="StrategyFileException"/> with every
/// reason: each compile error as <c>file(line,col): error CSxxxx: message</c>.
/// </remarks>
public sealed class StrategyFileLoader
{
    private readonly CompiledStrategyCache _cache;

    /// <param name="cacheDirectory">Where compiled files are kept; null for <see cref="DefaultCacheDirectory"/>.</param>
    public StrategyFileLoader(string? cacheDirectory = null)
    {
        _cache = new CompiledStrategyCache(Path.GetFullPath(string.IsNullOrWhiteSpace(cacheDirectory) ? DefaultCacheDirectory : cacheDirectory));
    }

    /// <summary>The user's local application data (<c>~/.local/share/trade/strategy-cache</c> on Linux,
    /// <c>%LOCALAPPDATA%\trade\strategy-cache</c> on Windows), else the temporary folder: one cache for every database
    /// and working folder, since an entry depends only on the file's content and the program.</summary>
    public static string DefaultCacheDirectory { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify) is { Length: > 0 } local
            ? Path.Combine(local, "trade")
            : Path.Combine(Path.GetTempPath(), "trade"),
        "strategy-cache");

    public string CacheDirectory => _cache.Directory;

    /// <summary>Where the build of the file content with SHA-256 <paramref name="contentHash"/> is cached.</summary>
    public string CachePathOf(string contentHash) => _cache.PathOf(CacheKey(contentHash));

    /// <summary>The strategies of the C# file at <paramref name="path"/>: from the cache when this content was compiled
    /// before by this build of the program, else compiled now and cached.</summary>
    /// <param name="displayPath">How errors and listings name the file (default: <paramref name="path"/>).</param>
    /// <exception cref="StrategyFileException">The file does not compile, or gives no strategy (every reason).</exception>
    /// <exception cref="ArgumentException">There is no such file.</exception>
    public StrategySource LoadFile(string path, string? displayPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        displayPath ??= path;
        var fullPath = Path.GetFullPath(path);
        var content = ReadInput(fullPath, displayPath, "strategy file");
        var contentHash = Hash(content);
        var key = CacheKey(contentHash);

        var (image, damaged) = _cache.Read(key);
        string? note = damaged is null ? null : $"the cached build of {displayPath} was not used ({damaged}); compiled again";
        if (image is not null)
        {
            try
            {
                return Discover(image, null, fullPath, displayPath, contentHash, key) with { CacheNote = note };
            }
            catch (BadImageFormatException e)
            {
                // A whole entry the runtime still refuses: treat it as damaged, like a bad checksum.
                note = $"the cached build of {displayPath} was not used (it does not load: {e.Message}); compiled again";
            }
        }

        var watch = Stopwatch.StartNew();
        var (built, errors) = StrategyCompiler.Compile(Decode(content), displayPath, AssemblyName(key));
        var compileTime = watch.Elapsed;
        if (built is null)
        {
            throw new StrategyFileException(errors);
        }

        // Kept before it is searched: a file that compiles but declares no strategy is still a whole build, and
        // rechecking it next time costs a load, not a compile.
        if (_cache.Write(key, built) is { } notKept)
        {
            note = note is null ? notKept : $"{note}; {notKept}";
        }

        return Discover(built, null, fullPath, displayPath, contentHash, key) with { Compiled = true, CompileTime = compileTime, CacheNote = note };
    }

    /// <summary>Compiles the file at <paramref name="path"/> into the cache without loading it (a benchmark's setup:
    /// the load that follows is then a first call of everything but the compiler).</summary>
    internal void Precompile(string path)
    {
        var content = ReadInput(Path.GetFullPath(path), path, "strategy file");
        var key = CacheKey(Hash(content));
        var (built, errors) = StrategyCompiler.Compile(Decode(content), path, AssemblyName(key));
        _ = built is null ? throw new StrategyFileException(errors) : _cache.Write(key, built);
    }

    /// <summary>The strategies of a compiled assembly (a class library built against this library). What it needs
    /// that the program lacks is loaded from its folder; this library itself is always the program's copy.</summary>
    /// <exception cref="StrategyFileException">It gives no strategy (every reason).</exception>
    /// <exception cref="ArgumentException">There is no such file, or it is not a .NET assembly.</exception>
    public static StrategySource LoadAssembly(string path, string? displayPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        displayPath ??= path;
        var fullPath = Path.GetFullPath(path);
        var content = ReadInput(fullPath, displayPath, "strategy assembly");
        var symbols = Path.ChangeExtension(fullPath, ".pdb");
        try
        {
            return Discover(content, File.Exists(symbols) ? File.ReadAllBytes(symbols) : null, fullPath, displayPath, Hash(content), null);
        }
        catch (BadImageFormatException)
        {
            throw new ArgumentException($"{displayPath} is not a .NET assembly; give a class library built against Trading (or a .cs file with --strategy-file)");
        }
    }

    private static StrategySource Discover(byte[] image, byte[]? symbols, string fullPath, string displayPath, string contentHash, string? key)
    {
        // Loaded from bytes, not from the path: the file may be rebuilt or replaced while the strategies run.
        var context = new StrategyLoadContext(key is null ? $"strategy assembly {displayPath}" : $"strategy file {displayPath}", key is null ? Path.GetDirectoryName(fullPath) : null);
        using var assembly = new MemoryStream(image, writable: false);
        using var debug = symbols is null ? null : new MemoryStream(symbols, writable: false);
        var loaded = context.LoadFromStream(assembly, debug);
        var (strategies, errors) = StrategyDiscovery.Find(loaded, displayPath);
        if (errors.Count > 0)
        {
            context.Unload();
            throw new StrategyFileException(errors);
        }

        return new StrategySource(displayPath, fullPath, contentHash, strategies);
    }

    private static byte[] ReadInput(string fullPath, string displayPath, string what)
    {
        try
        {
            return File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArgumentException($"no {what} at {displayPath} ({fullPath})");
        }
    }

    /// <summary>The file's text as the compiler reads it: UTF-8 unless a byte order mark says otherwise.</summary>
    private static string Decode(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string CacheKey(string contentHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StrategyCompiler.Toolchain + "\n" + contentHash)));

    private static string AssemblyName(string key) => "strategy-file-" + key[..16];
}
