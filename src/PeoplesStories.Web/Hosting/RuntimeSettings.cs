using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using PeoplesStories.Web.Cli;

namespace PeoplesStories.Web.Hosting;

/// <summary>
/// The .NET runtime settings the site and the <c>import</c> command give themselves. The runtime
/// reads these from the environment only, as the process starts (neither has a
/// <c>runtimeconfig.json</c> setting), so on Linux the process starts itself again in the same
/// process (<c>execve</c>: same process id, same arguments and environment byte for byte, same open
/// terminal) with the missing ones added, before it does anything else. A setting already in the
/// environment is left as it is; with all of them there, nothing is restarted.
/// <para>
/// The site: a first GC generation of 16 MiB rather than the workstation collector's own size, set
/// by the processor's cache (about 3 MiB on a 2-core machine, where a search page's allocations
/// meant up to 80 collections a second). Measured side by side on the 100,000-story database (two
/// servers, six alternating 3-second runs of each search at 16 connections, medians): the phrase
/// 1,407 against 1,314 requests/s and 17.7 against 19.8 ms at p95, the country and years 1,504
/// against 1,370 and 17.0 against 18.3 ms; under the page load the site's peak RSS rose by about
/// 20 MB (209–215 to 227–228 MB).
/// </para>
/// <para>
/// The <c>import</c> command, a batch job of seconds to minutes: the runtime's profile-guided
/// optimisation off and a first generation of 24 MiB. Measured on the 100,000-story import (five
/// alternating pairs, <c>tests/load/perf.sh</c>'s steps): 18.0–20.1 s rather than 19.9–24.7, 21.8–25.2
/// CPU seconds rather than 26.7–32.6, peak memory 273–282 MiB rather than 279–280. The site keeps
/// profile-guided optimisation: without it its pages serve 7–13% fewer requests a second.
/// </para>
/// </summary>
public static partial class RuntimeSettings
{
    /// <summary>The site's settings, as environment variables.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Site =
    [
        new("DOTNET_GCgen0size", "0x1000000"),
    ];

    /// <summary>The <c>import</c> command's settings, as environment variables.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Import =
    [
        // A method an import runs hot is compiled once, optimised, rather than first with profiling
        // probes and then again: the runtime's compiler thread took 1.3–1.5 s of an import rather than 3.5–4.3 s.
        new("DOTNET_TieredPGO", "0"),

        // A first generation of 24 MiB rather than the 6 MiB of a workstation collector, whose parsed
        // files, waiting to be stored, were promoted and collected again from the oldest generation:
        // 170 collections rather than 770, 1 of the oldest generation rather than 100, pausing the
        // import 1.1–1.3 s rather than 2.1–2.5 s.
        new("DOTNET_GCgen0size", "0x1800000"),
    ];

    /// <summary>The settings of a run with these arguments: the import's, none for the other commands (each a few seconds at most), else the site's.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args is ["import", ..] ? Import : CommandLine.IsCommand(args) ? [] : Site;
    }

    /// <summary>The <paramref name="settings"/> the environment lacks (the runtime also reads each under the older prefix <c>COMPlus_</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Missing(IReadOnlyList<KeyValuePair<string, string>> settings, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        return settings
            .Where(setting => environment(setting.Key) is null && environment("COMPlus_" + setting.Key["DOTNET_".Length..]) is null)
            .ToList();
    }

    /// <summary>
    /// On Linux, when a setting of this run is missing: starts the process again with them and does
    /// not return. Otherwise (or should the restart fail) returns, and the process runs with the
    /// runtime as it is. Left out when the site's own executable is not the program running (a test
    /// host or a design-time tool calling the entry point, which must never be replaced), under a
    /// debugger, and under a diagnostics tool (<c>DOTNET_DiagnosticPorts</c>), which attached to the
    /// process as it was.
    /// </summary>
    public static void RestartIfNeeded(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!OperatingSystem.IsLinux()
            || Assembly.GetEntryAssembly() != typeof(RuntimeSettings).Assembly
            || Debugger.IsAttached
            || Environment.GetEnvironmentVariable("DOTNET_DiagnosticPorts") is not null)
        {
            return;
        }

        var missing = Missing(For(args), Environment.GetEnvironmentVariable);
        if (missing.Count == 0)
        {
            return;
        }

        byte[] commandLine, environment;
        try
        {
            // The arguments and the environment exactly as this process got them, byte for byte, each
            // ended by a NUL: the executable, or `dotnet` and the assembly, then the command's own.
            commandLine = File.ReadAllBytes("/proc/self/cmdline");
            environment = File.ReadAllBytes("/proc/self/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var argvPointers = NullTerminated(Entries(commandLine));
        var environmentPointers = NullTerminated(Entries(environment)
            .Where(entry => entry.Length > 0)
            .Concat(missing.Select(setting => Encoding.UTF8.GetBytes($"{setting.Key}={setting.Value}"))));
        try
        {
            Execve("/proc/self/exe", argvPointers, environmentPointers);
        }
        finally
        {
            // Reached only when the restart failed: the process then runs as it is.
            Free(argvPointers);
            Free(environmentPointers);
        }
    }

    /// <summary>The entries of a <c>/proc/PID/cmdline</c> or <c>environ</c>: each ends with a NUL (an empty argument is a NUL alone).</summary>
    public static IEnumerable<byte[]> Entries(byte[] block)
    {
        ArgumentNullException.ThrowIfNull(block);
        for (var start = 0; start < block.Length;)
        {
            var end = Array.IndexOf(block, (byte)0, start);
            if (end < 0)
            {
                end = block.Length;
            }

            yield return block[start..end];
            start = end + 1;
        }
    }

    /// <summary>Copies each value into unmanaged memory as a C string; the array ends with a null pointer, as <c>execve</c> wants.</summary>
    private static IntPtr[] NullTerminated(IEnumerable<byte[]> values) =>
        [.. values.Select(value =>
        {
            var pointer = Marshal.AllocCoTaskMem(value.Length + 1);
            Marshal.Copy(value, 0, pointer, value.Length);
            Marshal.WriteByte(pointer, value.Length, 0);
            return pointer;
        }), IntPtr.Zero];

    private static void Free(IntPtr[] pointers)
    {
        foreach (var pointer in pointers)
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execve(string path, IntPtr[] argv, IntPtr[] environment);
}
