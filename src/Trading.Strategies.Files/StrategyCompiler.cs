using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Trading.Strategies.Files;

/// <summary>Compiles the C# of a strategy file into an assembly image, against this library and the .NET 10
/// reference assemblies, as a <c>net10.0</c> class library with implicit usings and nullable on would build.</summary>
/// <remarks>The reference assemblies are the ones a <c>dotnet build</c> uses, shipped inside a package
/// (Basic.Reference.Assemblies.Net100) rather than looked up on the machine: a file compiles the same from a clean
/// clone, from a <c>dotnet publish</c> output and on a machine with only the runtime, whatever runtime patch is
/// installed, and sees only the public .NET API (not the runtime's implementation assemblies).</remarks>
internal static class StrategyCompiler
{
    /// <summary>What <c>&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;</c> gives a class library, so a file
    /// that builds in a project builds here and the other way round.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true);

    /// <summary>Names what decides the bytes the compiler makes of a given text besides the text: this library's
    /// build, the compiler's build and the reference assemblies' build (module version ids, which change with every
    /// change to what they hold). Part of the cache key, so a new build of any of them compiles the file again.</summary>
    /// <remarks>Reads only assembly identities: a cached file is loaded without the compiler ever running.</remarks>
    public static string Toolchain { get; } = string.Join(
        ';',
        "strategy-file/1",
        Identity(typeof(IStrategy).Assembly),
        Identity(typeof(CSharpCompilation).Assembly),
        Identity(typeof(Net100).Assembly));

    /// <summary>The assembly image of <paramref name="source"/>, or its compile errors (warnings are not reported).</summary>
    /// <param name="displayPath">The file as errors name it.</param>
    /// <param name="assemblyName">The compiled assembly's name.</param>
    public static (byte[]? Image, IReadOnlyList<StrategyFileError> Errors) Compile(string source, string displayPath, string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = SourceText.From(source, Encoding.UTF8);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(text, ParseOptions, displayPath),
            CSharpSyntaxTree.ParseText(SourceText.From(ImplicitUsings, Encoding.UTF8), ParseOptions, "ImplicitUsings.g.cs"),
        };
        var compilation = CSharpCompilation.Create(assemblyName, trees, References.Value, Options);
        using var image = new MemoryStream();

        // The debug information rides inside the image, so an exception thrown by the strategy names its file and line.
        var emitted = compilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        if (emitted.Success)
        {
            return (image.ToArray(), []);
        }

        var errors = emitted.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => ToError(d, displayPath))
            .OrderBy(e => e.Line)
            .ThenBy(e => e.Column)
            .ToList();
        return (null, errors);
    }

    private static StrategyFileError ToError(Diagnostic diagnostic, string displayPath)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        if (!diagnostic.Location.IsInSource)
        {
            return new StrategyFileError(displayPath, 0, 0, diagnostic.Id, message);
        }

        var span = diagnostic.Location.GetMappedLineSpan();
        return new StrategyFileError(displayPath, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, diagnostic.Id, message);
    }

    /// <summary>The .NET reference assemblies, this library, and the libraries its public types come from (a
    /// strategy that touches one of those types needs it to compile).</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        references.AddRange(Net100.References.All);
        var framework = new HashSet<string>(
            Net100.ReferenceInfos.All.Select(r => Path.GetFileNameWithoutExtension(r.FileName)),
            StringComparer.OrdinalIgnoreCase);
        var library = typeof(IStrategy).Assembly;
        references.Add(MetadataReference.CreateFromFile(LocationOf(library)));
        foreach (var name in library.GetReferencedAssemblies())
        {
            if (name.Name is null || framework.Contains(name.Name))
            {
                continue;
            }

            try
            {
                if (Assembly.Load(name).Location is { Length: > 0 } path)
                {
                    references.Add(MetadataReference.CreateFromFile(path));
                }
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Not shipped beside this library (an optional dependency): a strategy cannot use its types either.
            }
        }

        return references.ToImmutable();
    }

    private static string LocationOf(Assembly assembly) =>
        assembly.Location is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException($"{assembly.GetName().Name} has no file (a single-file build?): strategy files need the program installed as files, as dotnet publish writes it by default.");

    private static string Identity(Assembly assembly) =>
        string.Create(CultureInfo.InvariantCulture, $"{assembly.GetName().Name}/{assembly.GetName().Version}/{assembly.ManifestModule.ModuleVersionId:N}");
}
