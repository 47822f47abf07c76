using System.Collections.Concurrent;
using System.Globalization;
using PeoplesStories.Testing;
using Xunit.Abstractions;

namespace PeoplesStories.BrowserTests.Infrastructure;

/// <summary>
/// One test's browser context and page at one viewport. It saves a full-page screenshot of every step
/// (and of every page of the session at a failure, with the requests still unanswered), forwards
/// console errors, page errors and failed requests to the test output, and fails the test on any
/// console error or same-origin response of 400 and up that the test did not ask for
/// (<see cref="ExpectStatus"/>).
/// </summary>
public sealed class BrowserSession
{
    /// <summary>A failure's screenshots wait this long (ms) for a page that may never finish loading, then the test's own error is reported.</summary>
    private const float FailureScreenshotTimeout = 5_000;

    private readonly ConcurrentQueue<string> log = new();
    private readonly ConcurrentQueue<string> problems = new();
    private readonly ConcurrentDictionary<string, int> expectedStatuses = new(StringComparer.Ordinal);
    private readonly List<IBrowserContext> otherContexts = [];
    private readonly List<IPage> pages = [];

    /// <summary>Requests sent and not yet answered in full, with when each was sent: a failure lists them.</summary>
    private readonly ConcurrentDictionary<IRequest, DateTime> inFlight = new();
    private readonly IBrowser browser;
    private int step;

    private BrowserSession(IBrowser browser, IPage page, Uri baseUrl, int width, string screenshotFolder)
    {
        this.browser = browser;
        Page = page;
        BaseUrl = baseUrl;
        Width = width;
        ScreenshotFolder = screenshotFolder;
    }

    public IPage Page { get; }

    public Uri BaseUrl { get; }

    public int Width { get; }

    public string ScreenshotFolder { get; }

    /// <summary>Where screenshots go: BROWSER_TESTS_ARTIFACTS, else artifacts/browser-tests/screenshots in the repository (git-ignored).</summary>
    public static string ScreenshotRoot { get; } =
        Environment.GetEnvironmentVariable("BROWSER_TESTS_ARTIFACTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(RepoPaths.Root, "artifacts", "browser-tests", "screenshots");

    /// <summary>
    /// Runs a test body in a fresh browser context at the given viewport width; skips the test when
    /// Chromium is missing. <paramref name="bypassCsp"/> is for the axe-core check only.
    /// </summary>
    public static async Task RunAsync(
        BrowserFixture fixture, ITestOutputHelper output, string test, int width, Func<BrowserSession, Task> body, bool bypassCsp = false)
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.SkipReason);

        var folder = Path.Combine(ScreenshotRoot, test, width.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);

        var context = await NewContextAsync(fixture.Browser, fixture.BaseUrl, width, bypassCsp);
        BrowserSession? session = null;
        try
        {
            var page = await context.NewPageAsync();
            session = new BrowserSession(fixture.Browser, page, fixture.BaseUrl, width, folder);
            session.Watch(page);
            session.Log($"{test} at {width}px on {fixture.BaseUrl}; screenshots in {folder}");
            try
            {
                await body(session);
                await session.SettleAsync();
            }
            catch (Exception ex) when (ex is not SkipException)
            {
                session.LogInFlight();
                await session.TryScreenshotsAsync("FAILED");
                session.Flush(output);
                throw;
            }

            session.Flush(output);
            if (!session.problems.IsEmpty)
            {
                Assert.Fail("The browser reported problems:\n  " + string.Join("\n  ", session.problems));
            }
        }
        finally
        {
            foreach (var other in session?.otherContexts ?? [])
            {
                await other.CloseAsync();
            }

            await context.CloseAsync();
        }
    }

    /// <summary>
    /// A page in a browser context of its own (no cookies shared: another person), at the same viewport,
    /// watched like <see cref="Page"/> and closed with the session. <paramref name="bypassCsp"/> is for the axe-core check only.
    /// </summary>
    public async Task<IPage> NewContextPageAsync(bool bypassCsp = false)
    {
        var context = await NewContextAsync(browser, BaseUrl, Width, bypassCsp);
        otherContexts.Add(context);
        var page = await context.NewPageAsync();
        Watch(page);
        return page;
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseUrl, int width, bool bypassCsp)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = Viewports.For(width),
            BypassCSP = bypassCsp,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    /// <summary>Allows one same-origin response status (e.g. 404) for a path the test visits on purpose.</summary>
    public void ExpectStatus(string pathAndQuery, int status) => expectedStatuses[pathAndQuery] = status;

    public void Log(string line) => log.Enqueue(line);

    /// <summary>Saves a full-page screenshot named after the step, numbered in order: of <see cref="Page"/>, or of another page of the session.</summary>
    public Task ScreenshotAsync(string name, IPage? of = null) => ScreenshotAsync(name, of, timeout: null);

    private async Task ScreenshotAsync(string name, IPage? of, float? timeout)
    {
        var page = of ?? Page;
        var number = Interlocked.Increment(ref step);
        var file = Path.Combine(ScreenshotFolder, $"{number:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = timeout });
        Log($"step {number:00} {name}: {page.Url} -> {file}");
    }

    /// <summary>Goes to a path of the site and returns the response.</summary>
    public async Task<IResponse> GotoAsync(string pathAndQuery)
    {
        var response = await Page.GotoAsync(pathAndQuery);
        return response ?? throw new InvalidOperationException("No response for " + pathAndQuery);
    }

    private bool IsSameOrigin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && Uri.Compare(uri, BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private bool IsExpected(string url, int status) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && expectedStatuses.TryGetValue(uri.PathAndQuery, out var expected)
        && expected == status;

    private void Watch(IPage page)
    {
        lock (pages)
        {
            pages.Add(page);
        }

        page.Request += (_, request) => inFlight[request] = DateTime.UtcNow;
        page.RequestFinished += (_, request) => inFlight.TryRemove(request, out DateTime _);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                Log($"page {PageNumber(page)} at {frame.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type is not ("error" or "warning"))
            {
                return;
            }

            var line = $"console.{message.Type}: {message.Text} ({message.Location})";
            Log(line);
            if (message.Type == "error" && !IsExpectedLoadError(message))
            {
                problems.Enqueue(line);
            }
        };
        page.PageError += (_, error) =>
        {
            var line = "page error: " + error;
            Log(line);
            problems.Enqueue(line);
        };
        page.RequestFailed += (_, request) =>
        {
            inFlight.TryRemove(request, out DateTime _);
            var line = $"request failed: {request.Method} {request.Url}: {request.Failure}";
            Log(line);
            // An aborted load is the browser leaving the page (a click on a link), not a fault of the site.
            if (IsSameOrigin(request.Url) && request.Failure?.Contains("ERR_ABORTED", StringComparison.Ordinal) != true)
            {
                problems.Enqueue(line);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status < 400)
            {
                return;
            }

            var line = $"response {response.Status} {response.StatusText}: {response.Request.Method} {response.Url}";
            Log(line);
            if (IsSameOrigin(response.Url) && !IsExpected(response.Url, response.Status))
            {
                problems.Enqueue(line);
            }
        };
    }

    /// <summary>Chromium logs "Failed to load resource: ... 404" for a page the test visited as a 404 on purpose.</summary>
    private bool IsExpectedLoadError(IConsoleMessage message)
    {
        const string prefix = "Failed to load resource: the server responded with a status of ";
        if (!message.Text.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(message.Text.AsSpan(prefix.Length, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return false;
        }

        var url = message.Location;
        var lineColumn = System.Text.RegularExpressions.Regex.Match(url, @":\d+:\d+$");
        if (lineColumn.Success)
        {
            url = url[..lineColumn.Index];
        }

        return IsSameOrigin(url) && IsExpected(url, status);
    }

    /// <summary>Lets late console messages and responses of the last page arrive before the verdict.</summary>
    private async Task SettleAsync()
    {
        try
        {
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            Log("the page did not reach network idle within 5 s");
        }
    }

    /// <summary>A screenshot of every page of the session (a test may fail on a page of another context).</summary>
    private async Task TryScreenshotsAsync(string name)
    {
        IPage[] all;
        lock (pages)
        {
            all = [.. pages];
        }

        for (var i = 0; i < all.Length; i++)
        {
            try
            {
                await ScreenshotAsync(i == 0 ? name : $"{name}-page{i + 1}", all[i], FailureScreenshotTimeout);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                Log($"no failure screenshot of page {i + 1}: {ex.Message}");
            }
        }
    }

    /// <summary>Names the requests still unanswered when a test fails: what a page that never loaded waits for.</summary>
    private void LogInFlight()
    {
        var now = DateTime.UtcNow;
        foreach (var (request, sent) in inFlight.OrderBy(r => r.Value))
        {
            Log($"unanswered after {(now - sent).TotalSeconds:0.0} s: {request.Method} {request.Url} ({request.ResourceType}, page {PageNumber(request.Frame.Page)})");
        }
    }

    /// <summary>A page's number in the log: 1 for <see cref="Page"/>, then the others in the order they were opened.</summary>
    private int PageNumber(IPage page)
    {
        lock (pages)
        {
            return pages.IndexOf(page) + 1;
        }
    }

    private void Flush(ITestOutputHelper output)
    {
        while (log.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }
}
