using PeoplesStories.IntegrationTests.Infrastructure;
using System.Text.Json;
using PeoplesStories.Testing;

namespace PeoplesStories.IntegrationTests.Import;

/// <summary>The built executable itself: commands exit with their codes and keep stdout for their output.</summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly WebExecutable exe = new();

    public void Dispose() => exe.Dispose();

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => exe.RunAsync(null, args);

    [Fact]
    public async Task Dry_run_json_on_stdout_is_pure_json_and_exit_code_is_0()
    {
        var (code, stdout, stderr) = await RunAsync("import", "--dry-run", "--json", RepoPaths.SeedFile);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, json.RootElement.GetProperty("stories").GetArrayLength());
        Assert.False(File.Exists(Path.Combine(exe.WorkDir, "cli.db")), "a dry run must not create a database");
    }

    [Fact]
    public async Task The_executable_sets_sqlite_up_before_its_first_connection()
    {
        // SQLite takes its process-wide settings (memory statistics off) only before any connection;
        // the site warns when it came too late.
        var (code, _, stderr) = await RunAsync("import", RepoPaths.SeedFile);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("memory statistics", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_then_export_through_the_executable()
    {
        var bad = Path.Combine(exe.WorkDir, "bad.txt");
        await File.WriteAllTextAsync(bad, "People's Stories Freedom\n\nA title\nby Someone\n");
        var (code, stdout, _) = await RunAsync("import", RepoPaths.SeedFile, bad);
        Assert.Equal(1, code);
        Assert.Contains("000_bc923a49c6dd647c.txt: section Freedom, 2 stories: 2 added", stdout, StringComparison.Ordinal);
        Assert.Contains("bad.txt:3: error:", stdout, StringComparison.Ordinal);

        var (exportCode, exportOut, _) = await RunAsync("export", "--format", "json", "--output", Path.Combine(exe.WorkDir, "out"));
        Assert.Equal(0, exportCode);
        Assert.Contains("Exported 2 stories", exportOut, StringComparison.Ordinal);

        var (usageCode, _, usageErr) = await RunAsync("import");
        Assert.Equal(2, usageCode);
        Assert.Contains("usage:", usageErr, StringComparison.Ordinal);
    }
}
