using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Testing;
using PeoplesStories.Web.Hosting;

namespace PeoplesStories.IntegrationTests.Hosting;

/// <summary>
/// The site and the import command run with their own runtime settings (<see cref="RuntimeSettings"/>),
/// given by starting the process again with them in its environment.
/// </summary>
public sealed class RuntimeSettingsTests : IDisposable
{
    private static readonly string[] RuntimeVariables = ["DOTNET_TieredPGO", "DOTNET_GCgen0size", "COMPlus_TieredPGO", "COMPlus_GCgen0size", "DOTNET_DiagnosticPorts"];

    private readonly WebExecutable exe = new();

    public void Dispose() => exe.Dispose();

    [Fact]
    public void Each_run_takes_its_own_settings()
    {
        Assert.Equal(["DOTNET_GCgen0size=0x1000000"], Named(RuntimeSettings.For([])));
        Assert.Equal(["DOTNET_GCgen0size=0x1000000"], Named(RuntimeSettings.For(["--urls", "http://127.0.0.1:5000"])));
        Assert.Equal(["DOTNET_TieredPGO=0", "DOTNET_GCgen0size=0x1800000"], Named(RuntimeSettings.For(["import", "seeds"])));
        Assert.Empty(RuntimeSettings.For(["export", "out"]));
        Assert.Empty(RuntimeSettings.For(["create-editor", "ada@example.org"]));
    }

    [Fact]
    public void Only_the_settings_the_environment_lacks_are_added()
    {
        Dictionary<string, string> given = [];
        Func<string, string?> environment = name => given.GetValueOrDefault(name);

        Assert.Equal(["DOTNET_TieredPGO=0", "DOTNET_GCgen0size=0x1800000"], Named(RuntimeSettings.Missing(RuntimeSettings.Import, environment)));

        given["DOTNET_TieredPGO"] = "1";
        Assert.Equal(["DOTNET_GCgen0size=0x1800000"], Named(RuntimeSettings.Missing(RuntimeSettings.Import, environment)));
        Assert.Equal(["DOTNET_GCgen0size=0x1000000"], Named(RuntimeSettings.Missing(RuntimeSettings.Site, environment)));

        given.Remove("DOTNET_TieredPGO");
        given["COMPlus_GCgen0size"] = "4000000";
        Assert.Equal(["DOTNET_TieredPGO=0"], Named(RuntimeSettings.Missing(RuntimeSettings.Import, environment)));
        Assert.Empty(RuntimeSettings.Missing(RuntimeSettings.Site, environment));

        given["DOTNET_TieredPGO"] = "0";
        Assert.Empty(RuntimeSettings.Missing(RuntimeSettings.Import, environment));
    }

    [Fact]
    public void A_proc_block_is_split_into_entries_byte_for_byte()
    {
        byte[] commandLine = [.. "dotnet\0app.dll\0import\0"u8, 0xC3, 0x28, .. "\0\0"u8];
        var arguments = RuntimeSettings.Entries(commandLine).ToList();
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

    /// <summary>
    /// The site, started as a person starts it, serves with its setting in the process that was
    /// started, and the rest of its environment is passed on byte for byte, a value that is not UTF-8
    /// included (the shell puts the bytes FF FE in it).
    /// </summary>
    [LinuxFact]
    public async Task The_site_runs_with_its_settings_and_its_environment_byte_for_byte()
    {
        var port = FreePort();
        var site = exe.StartInfo("--urls", $"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = site.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""exec env "PS_RAW=$(printf '\377\376')" "$0" "$@" """);
        start.ArgumentList.Add(site.FileName);
        foreach (var argument in site.ArgumentList)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in site.Environment)
        {
            start.Environment[name] = value;
        }

        foreach (var name in RuntimeVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["Seeds__ImportOnStart"] = "false";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var status = (HttpStatusCode)0;
            var deadline = Stopwatch.StartNew();
            while (status != HttpStatusCode.OK && deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                try
                {
                    status = (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"))).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.True(status == HttpStatusCode.OK, $"the site did not answer 200 (last status {status}, exited: {process.HasExited})");
            var environment = await ReadEnvironmentAsync(process.Id);
            Assert.Contains(environment, entry => entry.AsSpan().SequenceEqual("DOTNET_GCgen0size=0x1000000"u8));
            byte[] raw = [.. "PS_RAW="u8, 0xFF, 0xFE];
            Assert.Contains(environment, entry => entry.AsSpan().SequenceEqual(raw));
            Assert.DoesNotContain(environment, entry => entry.AsSpan().StartsWith("DOTNET_TieredPGO="u8));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            _ = await stdout;
            _ = await stderr;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string[] Named(IEnumerable<KeyValuePair<string, string>> settings) => [.. settings.Select(s => $"{s.Key}={s.Value}")];

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

    private static string[] Settings(IEnumerable<byte[]> environment) =>
        [.. environment.Select(entry => System.Text.Encoding.UTF8.GetString(entry))
            .Where(v => RuntimeVariables.Any(name => v.StartsWith(name + "=", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];

    /// <summary>A process's environment as it holds it, entry by entry, byte for byte (empty once the process has gone).</summary>
    private static async Task<List<byte[]>> ReadEnvironmentAsync(int pid)
    {
        try
        {
            return [.. RuntimeSettings.Entries(await File.ReadAllBytesAsync($"/proc/{pid}/environ")).Where(entry => entry.Length > 0)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
