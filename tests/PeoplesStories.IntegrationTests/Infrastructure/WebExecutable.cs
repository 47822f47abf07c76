using System.Diagnostics;

namespace PeoplesStories.IntegrationTests.Infrastructure;

/// <summary>Runs the built web executable as a person would, with its own database in a temp folder.</summary>
public sealed class WebExecutable : IDisposable
{
    public string WorkDir { get; } = Directory.CreateTempSubdirectory("stories-exe-").FullName;

    public WebExecutable() => Database = TestDatabase.Create(DatabasePath);

    public string DatabasePath => Path.Combine(WorkDir, "cli.db");

    public TestDatabase Database { get; }

    public void Dispose()
    {
        Database.Dispose();
        Directory.Delete(WorkDir, recursive: true);
    }

    /// <summary>How to start the executable with <paramref name="args"/>, its standard streams redirected, on this test's database.</summary>
    public ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PeoplesStories.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Database.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <summary>Runs the executable with <paramref name="args"/>, writing <paramref name="stdin"/> (if any) as one line.</summary>
    public async Task<(int Code, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        var start = StartInfo(args);
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
