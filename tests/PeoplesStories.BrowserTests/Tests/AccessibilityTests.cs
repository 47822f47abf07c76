using System.Text.RegularExpressions;
using PeoplesStories.BrowserTests.Infrastructure;
using PeoplesStories.BrowserTests.Pages;
using Xunit.Abstractions;

namespace PeoplesStories.BrowserTests.Tests;

/// <summary>axe-core on every page type, at both viewports: no serious or critical violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string NotFound = "/stories/nope";

    private static readonly string[] PageTypes =
    [
        "/",
        "/stories/" + SeedStories.DemocraticSlug,
        "/countries",
        "/countries/kh",
        "/archive",
        "/archive/2025",
        "/archive/2025/06",
        "/sections/freedom",
        "/search?q=scamming",
        "/search?q=zzzz-nothing",
        "/guestbook",
        "/submit",
        NotFound,
    ];

    public static TheoryData<string, int> Pages
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var path in PageTypes)
            {
                data.Add(path, Viewports.Phone);
                data.Add(path, Viewports.Desktop);
            }

            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public Task Page_has_no_serious_or_critical_axe_violations(string path, int width) =>
        BrowserSession.RunAsync(fixture, output, "axe" + Unsafe().Replace(path, "_"), width, async session =>
        {
            var expected = path == NotFound ? 404 : 200;
            if (expected != 200)
            {
                session.ExpectStatus(path, expected);
            }

            var response = await session.GotoAsync(path);
            await session.ScreenshotAsync("page");
            Assert.Equal(expected, response.Status);
            // Contrast is only judged right against the real stylesheet.
            await SitePage.ExpectStyledAsync(session.Page);

            var violations = await Axe.RunAsync(session.Page);
            session.Log($"axe-core {Axe.Version}: {violations.Count} violation(s) on {path}");
            if (violations.Count > 0)
            {
                session.Log(Axe.Describe(violations));
            }

            var serious = violations.Where(Axe.IsSeriousOrCritical).ToList();
            Assert.True(serious.Count == 0, $"axe-core found serious or critical violations on {path} at {width}px:\n{Axe.Describe(serious)}");
        },
        bypassCsp: true);

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex Unsafe();
}
