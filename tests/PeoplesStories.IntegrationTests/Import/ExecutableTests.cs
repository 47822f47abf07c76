using System.Diagnostics;
using System.Text.Json;
using PeoplesStories.Testing;

namespace PeoplesStories.IntegrationTests.Import;

/// <summary>The built executable itself: commands exit with their codes and keep stdout for their output.</summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly string workDir = Directory.CreateTempSubdirectory("stories-exe-").FullName;

    public void Dispose() => Directory.Delete(workDir, recursive: true);

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PeoplesStories.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Stories"] = $"Data Source={Path.Combine(workDir, "cli.db")}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Dry_run_json_on_stdout_is_pure_json_and_exit_code_is_0()
    {
        var (code, stdout, stderr) = await RunAsync("import", "--dry-run", "--json", RepoPaths.SeedFile);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, json.RootElement.GetProperty("stories").GetArrayLength());
        Assert.False(File.Exists(Path.Combine(workDir, "cli.db")), "a dry run must not create a database");
    }

    [Fact]
    public async Task Import_then_export_through_the_executable()
    {
        var bad = Path.Combine(workDir, "bad.txt");
        await File.WriteAllTextAsync(bad, "People's Stories Freedom\n\nA title\nby Someone\n");
        var (code, stdout, _) = await RunAsync("import", RepoPaths.SeedFile, bad);
        Assert.Equal(1, code);
        Assert.Contains("000_bc923a49c6dd647c.txt: section Freedom, 2 stories: 2 added", stdout, StringComparison.Ordinal);
        Assert.Contains("bad.txt:3: error:", stdout, StringComparison.Ordinal);

        var (exportCode, exportOut, _) = await RunAsync("export", "--format", "json", "--output", Path.Combine(workDir, "out"));
        Assert.Equal(0, exportCode);
        Assert.Contains("Exported 2 stories", exportOut, StringComparison.Ordinal);

        var (usageCode, _, usageErr) = await RunAsync("import");
        Assert.Equal(2, usageCode);
        Assert.Contains("usage:", usageErr, StringComparison.Ordinal);
    }
}
