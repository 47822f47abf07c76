using System.Diagnostics;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;

namespace PeoplesStories.IntegrationTests.Import;

/// <summary>The import command runs with the runtime settings of a batch job (<see cref="ImportRuntime"/>).</summary>
public sealed class ImportRuntimeTests : IDisposable
{
    private static readonly string[] RuntimeVariables = ["DOTNET_TieredPGO", "DOTNET_GCgen0size", "COMPlus_TieredPGO", "COMPlus_GCgen0size", "DOTNET_DiagnosticPorts"];

    private readonly WebExecutable exe = new();

    public void Dispose() => exe.Dispose();

    [Fact]
    public void Only_the_settings_the_environment_lacks_are_added()
    {
        Dictionary<string, string> given = [];
        Func<string, string?> environment = name => given.GetValueOrDefault(name);

        Assert.Equal(["DOTNET_TieredPGO=0", "DOTNET_GCgen0size=0x1800000"], ImportRuntime.Missing(environment).Select(s => $"{s.Key}={s.Value}"));

        given["DOTNET_TieredPGO"] = "1";
        Assert.Equal(["DOTNET_GCgen0size"], ImportRuntime.Missing(environment).Select(s => s.Key));

        given.Remove("DOTNET_TieredPGO");
        given["COMPlus_GCgen0size"] = "4000000";
        Assert.Equal(["DOTNET_TieredPGO"], ImportRuntime.Missing(environment).Select(s => s.Key));

        given["DOTNET_TieredPGO"] = "0";
        Assert.Empty(ImportRuntime.Missing(environment));
    }

    [Fact]
    public void The_command_line_is_split_into_arguments_byte_for_byte()
    {
        byte[] commandLine = [.. "dotnet\0app.dll\0import\0"u8, 0xC3, 0x28, .. "\0\0"u8];
        var arguments = ImportRuntime.Arguments(commandLine).ToList();
        Assert.Equal(5, arguments.Count);
        Assert.Equal("dotnet"u8.ToArray(), arguments[0]);
        Assert.Equal("import"u8.ToArray(), arguments[2]);
        Assert.Equal(new byte[] { 0xC3, 0x28 }, arguments[3]);
        Assert.Empty(arguments[4]);
    }

    /// <summary>
    /// The running import's own environment, read from /proc while it waits for its file (a named
    /// pipe, which it opens only after the restart): the process id is the one started, its arguments
    /// the ones given, and it imports the page.
    /// </summary>
    [LinuxFact]
    public Task The_import_runs_with_the_batch_settings_in_the_process_that_was_started() =>
        ImportThroughPipeAsync(preset: null, expected: ["DOTNET_TieredPGO=0", "DOTNET_GCgen0size=0x1800000"]);

    [LinuxFact]
    public Task A_setting_already_in_the_environment_is_kept() =>
        ImportThroughPipeAsync(preset: ("DOTNET_GCgen0size", "0x4000000"), expected: ["DOTNET_TieredPGO=0", "DOTNET_GCgen0size=0x4000000"]);

    private async Task ImportThroughPipeAsync((string Name, string Value)? preset, string[] expected)
    {
        expected = [.. expected.Order(StringComparer.Ordinal)];
        var pipe = NamedPipe.Create(Path.Combine(exe.WorkDir, "page.txt"));
        var start = exe.StartInfo("import", pipe);
        foreach (var name in RuntimeVariables)
        {
            start.Environment.Remove(name);
        }

        if (preset is { } setting)
        {
            start.Environment[setting.Name] = setting.Value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        string[] seen = [];
        try
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                seen = Settings(await ReadEnvironmentAsync(process.Id));
                if (seen.SequenceEqual(expected))
                {
                    break;
                }

                await Task.Delay(50);
            }
        }
        finally
        {
            // The import waits for its page until something writes it.
            if (!process.HasExited)
            {
                await NamedPipe.WriteAsync(pipe, await File.ReadAllBytesAsync(RepoPaths.SeedFile), TimeSpan.FromSeconds(30));
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.Equal(expected, seen);
        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains("page.txt: section Freedom, 2 stories: 2 added", await stdout, StringComparison.Ordinal);
    }

    private static string[] Settings(IEnumerable<string> environment) =>
        [.. environment.Where(v => RuntimeVariables.Any(name => v.StartsWith(name + "=", StringComparison.Ordinal))).Order(StringComparer.Ordinal)];

    private static async Task<string[]> ReadEnvironmentAsync(int pid)
    {
        try
        {
            return (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
