namespace PeoplesStories.BrowserTests.Infrastructure;

/// <summary>Debian's Chromium, the only browser these tests drive: Playwright never downloads one.</summary>
internal static class Chromium
{
    /// <summary>Debian's chromium. BROWSER_TESTS_CHROMIUM may point elsewhere (a missing path shows the skip).</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("BROWSER_TESTS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static string SkipReason =>
        $"Chromium not found at {ExecutablePath}: install Debian's chromium (apt-get install -y chromium) to run the browser tests.";

    public static IReadOnlyList<string> Args { get; } =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];
}
