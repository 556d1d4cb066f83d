using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Trading.Domain;
using Trading.Tests.Cli;

namespace Trading.Tests.Packaging;

/// <summary>The library packs (id, version, readme, XML docs, symbols, the commit it was built from), and
/// <c>samples/package</c>, a strategy project of a user's own, builds against that package from a local folder feed
/// alone and its strategy backtests with <c>trade --strategy-assembly</c>.</summary>
public sealed class PackageTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_library_packs_and_a_strategy_project_builds_against_the_package_and_backtests()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(_cli.Directory, "feed");
        var sample = Path.Combine(_cli.Directory, "sample");

        // The library as this test run built it (the test references it): packing needs no second build.
        var configuration = typeof(Bar).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        Dotnet(root, "pack", Path.Combine(root, "src", "Trading", "Trading.csproj"), "--no-build", "-c", configuration, "-o", feed);
        var version = typeof(Bar).Assembly.GetName().Version!.ToString(3);
        var package = Path.Combine(feed, $"Trading.{version}.nupkg");
        using (var zip = ZipFile.OpenRead(package))
        {
            var nuspec = XDocument.Load(zip.GetEntry("Trading.nuspec")!.Open()).Root!;
            string? Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            Assert.Equal("Trading", Meta("id"));
            Assert.Equal(version, Meta("version"));
            Assert.Equal("README.md", Meta("readme"));
            Assert.False(string.IsNullOrWhiteSpace(Meta("description")));
            Assert.Matches("^[0-9a-f]{40}$", nuspec.Descendants().Single(e => e.Name.LocalName == "repository").Attribute("commit")!.Value);
            // A strategy project gets the library, not the compiler the tool uses for strategy files.
            var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
            Assert.Contains("Microsoft.Extensions.Logging.Abstractions", dependencies);
            Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || d.StartsWith("Basic.Reference.Assemblies", StringComparison.Ordinal));
            var files = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("README.md", files);
            Assert.Contains("lib/net10.0/Trading.dll", files);
            Assert.Contains("lib/net10.0/Trading.xml", files);
        }

        Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), "no symbol package beside the package");

        // A copy of the sample, as a user would have it, restored from the local feed alone: every other package it
        // needs is already in this machine's package folder (the repository's restore put it there), so nothing is
        // fetched, and the Trading package is unpacked into a folder of this test's own, never a stale one.
        CopyFolder(Path.Combine(root, "samples", "package"), sample);
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        Dotnet(
            sample,
            "build",
            "-c",
            "Release",
            "--source",
            feed,
            $"-p:RestorePackagesPath={Path.Combine(_cli.Directory, "packages")}",
            $"-p:RestoreFallbackFolders={globalPackages}",
            "-p:NuGetAudit=false");
        var dll = Path.Combine(sample, "bin", "Release", "net10.0", "MyStrategies.dll");

        var run = await _cli.Trade("backtest", "--strategy-assembly", dll, "--strategy", "channel_breakout", "--set", "channel=30", "--from", "2020-01-01", "--to", "2021-12-31");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("channel_breakout (channel=30, trail=0.08, allocation=0.02) on 50 symbols", run.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"fills\s+│\s+0\s", run.Output);
    }

    private static void Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild settings are for the test run's own build, not this one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {process.ExitCode}:\n{output.Result}\n{error.Result}");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Trading.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Trading.slnx above {AppContext.BaseDirectory}");
    }
}
