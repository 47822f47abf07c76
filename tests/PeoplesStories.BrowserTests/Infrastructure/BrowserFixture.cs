using System.Diagnostics.CodeAnalysis;

namespace PeoplesStories.BrowserTests.Infrastructure;

/// <summary>
/// One app on Kestrel and one Chromium, shared by every test of the browser collection; each test opens
/// its own browser context (<see cref="BrowserSession"/>). Nothing starts when Chromium is missing: the
/// tests then report as skipped.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class BrowserFixture : IAsyncLifetime
{
    private BrowserAppFactory? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser was not started.");

    /// <summary>The running app's services, for a test that sets something up the way an operator would (an editor account).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The app was not started.");

    public async Task InitializeAsync()
    {
        // Playwright drives the browser given below; it must never fetch one of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!Chromium.IsInstalled)
        {
            return;
        }

        app = new BrowserAppFactory();
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

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
