using System.Diagnostics;

namespace PeoplesStories.Testing;

/// <summary>A test that needs Linux (named pipes, <c>/proc</c>): reported as skipped, with the reason, elsewhere.</summary>
internal sealed class LinuxFactAttribute : Xunit.FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux: named pipes and /proc.";
        }
    }
}

/// <summary>Named pipes (FIFOs), made with coreutils' mkfifo: a file whose reader waits for a writer.</summary>
internal static class NamedPipe
{
    public static string Create(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })!;
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} exited with {mkfifo.ExitCode}");
        }

        return path;
    }

    /// <summary>Writes <paramref name="bytes"/> to the pipe once a reader opens it (opening the write end waits for one), then closes it.</summary>
    public static async Task WriteAsync(string path, byte[] bytes, TimeSpan timeout)
    {
        var writing = Task.Run(async () =>
        {
            await using var pipe = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            await pipe.WriteAsync(bytes);
        });
        await writing.WaitAsync(timeout);
    }
}
