using System.Runtime.InteropServices;
using System.Text;

namespace PeoplesStories.Web.Cli;

/// <summary>
/// Gives the <c>import</c> command the .NET runtime settings of a batch job rather than of a server.
/// The runtime reads them from the environment only, as the process starts, so on Linux the command
/// starts itself again in the same process (<c>execve</c>: same process id, same arguments, same
/// open terminal) with the missing ones added, before it does anything else. A setting already in
/// the environment is left as it is; with all of them there, nothing is restarted.
/// <para>
/// Measured on the 100,000-story import (five alternating pairs, <c>tests/load/perf.sh</c>'s
/// steps): 18.0–20.1 s rather than 19.9–24.7, 21.8–25.2 CPU seconds rather than 26.7–32.6, peak
/// memory 273–282 MiB rather than 279–280. The site itself keeps the defaults: without
/// profile-guided optimisation its pages serve 7–13% fewer requests a second.
/// </para>
/// </summary>
public static partial class ImportRuntime
{
    /// <summary>The settings, as environment variables.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Settings =
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

    /// <summary>The settings the environment lacks (the runtime also reads each under the older prefix <c>COMPlus_</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Missing(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Settings
            .Where(setting => environment(setting.Key) is null && environment("COMPlus_" + setting.Key["DOTNET_".Length..]) is null)
            .ToList();
    }

    /// <summary>
    /// For the import command, on Linux, when a setting is missing: starts the process again with
    /// them and does not return. Otherwise (or should the restart fail) returns, and the command runs
    /// with the runtime as it is. Left out under a diagnostics tool (<c>DOTNET_DiagnosticPorts</c>),
    /// which attached to the process as it was.
    /// </summary>
    public static void RestartIfNeeded(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!OperatingSystem.IsLinux() || args is not ["import", ..] || Environment.GetEnvironmentVariable("DOTNET_DiagnosticPorts") is not null)
        {
            return;
        }

        var missing = Missing(Environment.GetEnvironmentVariable);
        if (missing.Count == 0)
        {
            return;
        }

        byte[] commandLine;
        try
        {
            // The arguments exactly as this process got them, byte for byte, each ended by a NUL: the
            // executable, or `dotnet` and the assembly, then the command's own.
            commandLine = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var environment = Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .Select(entry => Encoding.UTF8.GetBytes($"{entry.Key}={entry.Value}"))
            .Concat(missing.Select(setting => Encoding.UTF8.GetBytes($"{setting.Key}={setting.Value}")));
        var argvPointers = NullTerminated(Arguments(commandLine));
        var environmentPointers = NullTerminated(environment);
        try
        {
            Execve("/proc/self/exe", argvPointers, environmentPointers);
        }
        finally
        {
            // Reached only when the restart failed: the command then runs as it is.
            Free(argvPointers);
            Free(environmentPointers);
        }
    }

    /// <summary>The arguments of a <c>/proc/PID/cmdline</c>: each ends with a NUL (an empty argument is a NUL alone).</summary>
    public static IEnumerable<byte[]> Arguments(byte[] commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        for (var start = 0; start < commandLine.Length;)
        {
            var end = Array.IndexOf(commandLine, (byte)0, start);
            if (end < 0)
            {
                end = commandLine.Length;
            }

            yield return commandLine[start..end];
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
