using System.Diagnostics.CodeAnalysis;

namespace PeoplesStories.BrowserTests.Infrastructure;

/// <summary>
/// One app on Kestrel and one Chromium, shared by every test of the browser collection; each test opens
/// its own browser context (<see cref="BrowserSession"/>). Nothing starts when Chromium is missing: the
/// tests then report as skipped.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public class BrowserFixture : IAsyncLifetime
{
    private BrowserAppFactory? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser was not started.");

    /// <summary>The running app's services, for a test that sets something up the way an operator would (an editor account).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The app was not started.");

    /// <summary>Settings of this fixture's app over the browser tests' defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async Task InitializeAsync()
    {
        // Playwright drives the browser given below; it must never fetch one of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!Chromium.IsInstalled)
        {
            return;
        }

        app = new BrowserAppFactory(Settings);
        BaseUrl = app.Start();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Args,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

/// <summary>
/// An app of its own for the XSS tests, which fill it with hostile stories and hundreds of
/// signatures: the other browser tests' pages stay as the seed made them.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class XssBrowserFixture : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Seeds:ImportOnStart"] = "false",
        ["RateLimiting:Guestbook:PermitLimit"] = "100000",
        ["RateLimiting:Submit:PermitLimit"] = "100000",
    };
}

[CollectionDefinition(Name)]
public sealed class XssBrowserCollection : ICollectionFixture<XssBrowserFixture>
{
    public const string Name = "Browser XSS";
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
