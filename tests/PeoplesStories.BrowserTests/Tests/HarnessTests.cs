using PeoplesStories.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PeoplesStories.BrowserTests.Tests;

/// <summary>The checks the other tests rely on do fail when they should: a silent harness would pass everything.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HarnessTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task An_unexpected_same_origin_404_fails_the_test()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.SkipReason);
        var failure = await Assert.ThrowsAsync<FailException>(() =>
            BrowserSession.RunAsync(fixture, output, "harness-unexpected-404", Viewports.Desktop, session => session.GotoAsync("/stories/nope")));

        Assert.Contains("response 404", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_console_error_fails_the_test()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.SkipReason);
        var failure = await Assert.ThrowsAsync<FailException>(() =>
            BrowserSession.RunAsync(fixture, output, "harness-console-error", Viewports.Desktop, async session =>
            {
                await session.GotoAsync("/");
                await session.Page.EvaluateAsync("() => console.error('harness: deliberate error')");
            }));

        Assert.Contains("harness: deliberate error", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_failing_step_leaves_a_failure_screenshot()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.SkipReason);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BrowserSession.RunAsync(fixture, output, "harness-failure-screenshot", Viewports.Phone, async session =>
            {
                await session.GotoAsync("/");
                throw new InvalidOperationException("deliberate");
            }));

        var folder = Path.Combine(BrowserSession.ScreenshotRoot, "harness-failure-screenshot", "360");
        Assert.Single(Directory.GetFiles(folder, "*-FAILED.png"));
    }

    [SkippableFact]
    public Task Axe_reports_serious_and_critical_violations() =>
        BrowserSession.RunAsync(fixture, output, "harness-axe", Viewports.Desktop, async session =>
        {
            await session.Page.SetContentAsync("""
                <!DOCTYPE html><html lang="en"><head><title>bad</title></head>
                <body><main><h1>Bad page</h1><p style="color:#ddd;background:#fff">faint text</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
                """);
            var serious = (await Axe.RunAsync(session.Page)).Where(Axe.IsSeriousOrCritical).Select(v => v.Id).ToList();
            session.Log("axe on a deliberately bad page: " + string.Join(", ", serious));
            Assert.Contains("color-contrast", serious);
            Assert.Contains("image-alt", serious);
        },
        bypassCsp: true);
}
