using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.BrowserTests.Infrastructure;
using PeoplesStories.BrowserTests.Pages;
using PeoplesStories.Web.Cli;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Tests;

/// <summary>
/// A visitor submits a story, an administrator signs in through the form, reviews and publishes it and
/// finds it in the audit log, and a reader finds it on the home page; axe-core on the editor pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EditorTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Password = "Browser-Tests-42-editor!";

    [SkippableTheory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public Task A_submitted_story_is_published_by_an_editor_and_found_by_a_reader(int width) =>
        BrowserSession.RunAsync(fixture, output, nameof(A_submitted_story_is_published_by_an_editor_and_found_by_a_reader), width, async session =>
        {
            var email = $"admin-{width}@example.org";
            await CreateAdminAsync(email);

            // A visitor submits a story.
            var title = $"The river came back to Santa Rosa ({width}px)";
            var submit = await SubmitPage.OpenAsync(session.Page);
            await session.ScreenshotAsync("submit");
            await submit.ExpectLayoutAsync();
            var today = DateTime.UtcNow.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            await submit.SubmitAsync(
                title,
                "For ten years the river was dry.\n\nThis spring the villagers of Santa Rosa saw it flow again.",
                "Peru",
                today,
                "Rosa Quispe");
            await session.ScreenshotAsync("submitted");
            await Expect(submit.ReferenceCode).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[23456789A-Z]{8}$"));

            // An editor (here an administrator) signs in through the form, in a browser of their own.
            var editorPage = await session.NewContextPageAsync();
            var signIn = await EditorSignInPage.OpenAsync(editorPage);
            await session.ScreenshotAsync("editor-sign-in", editorPage);
            var dashboard = await signIn.SignInAsync(email, Password);
            await session.ScreenshotAsync("editor-dashboard", editorPage);
            await Expect(dashboard.Heading).ToBeVisibleAsync();
            await Expect(dashboard.NavLink("Audit log")).ToBeVisibleAsync();

            var queue = await dashboard.OpenSubmissionsAsync();
            await session.ScreenshotAsync("submissions", editorPage);
            await queue.ExpectLayoutAsync();
            await Expect(queue.Row(title)).ToContainTextAsync("Pending");
            await Expect(queue.Row(title)).ToContainTextAsync("Rosa Quispe");

            var review = await queue.OpenAsync(title);
            await session.ScreenshotAsync("review", editorPage);
            await Expect(review.Heading).ToHaveTextAsync(title);
            await Expect(review.State).ToHaveTextAsync("Pending");
            await review.PublishAsync();
            await session.ScreenshotAsync("published", editorPage);
            await Expect(review.State).ToHaveTextAsync("Published");
            await Expect(review.Notice).ToBeVisibleAsync();

            var audit = await review.OpenAuditAsync();
            await session.ScreenshotAsync("audit", editorPage);
            await audit.ExpectLayoutAsync();
            await Expect(audit.Rows.First).ToContainTextAsync("publish");
            await Expect(audit.Rows.First).ToContainTextAsync(title);
            await Expect(audit.Rows.First).ToContainTextAsync(email);
            await audit.FilterAsync("sign-in");
            await session.ScreenshotAsync("audit-sign-ins", editorPage);
            await Expect(audit.Rows.Filter(new() { HasText = email })).Not.ToHaveCountAsync(0);
            Assert.All(await audit.Rows.Locator("td:nth-child(3)").AllTextContentsAsync(), action => Assert.Equal("sign-in", action.Trim()));

            // A reader, in a fresh browser, finds the story on the home page and opens it.
            var readerPage = await session.NewContextPageAsync();
            var home = await HomePage.OpenAsync(readerPage);
            await session.ScreenshotAsync("reader-home", readerPage);
            var link = home.StoryLink(title);
            await Expect(link).ToHaveCountAsync(1);
            var href = await link.GetAttributeAsync("href");
            Assert.NotNull(href);
            Assert.StartsWith("/stories/", href, StringComparison.Ordinal);
            var story = await home.OpenStoryAsync(title, href["/stories/".Length..]);
            await session.ScreenshotAsync("reader-story", readerPage);
            await story.ExpectLayoutAsync();
            await Expect(story.Title).ToHaveTextAsync(title);
            await Expect(story.Byline).ToContainTextAsync("Rosa Quispe");
            await Expect(story.Main).ToContainTextAsync("saw it flow again");

            // axe-core, in a browser that lets it in: the sign-in page, then the editor pages signed in.
            var axePage = await session.NewContextPageAsync(bypassCsp: true);
            var axeSignIn = await EditorSignInPage.OpenAsync(axePage);
            await ExpectNoSeriousViolationsAsync(session, axePage, "/editor/sign-in");
            await axeSignIn.SignInAsync(email, Password);
            foreach (var path in new[] { "/editor", "/editor/submissions", "/editor/audit" })
            {
                await axePage.GotoAsync(path);
                await Expect(axePage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path) + "$"));
                await ExpectNoSeriousViolationsAsync(session, axePage, path);
            }
        });

    /// <summary>An administrator, made the way an operator would: the create-editor command, the password on stdin.</summary>
    private async Task CreateAdminAsync(string email)
    {
        using var stdin = new StringReader(Password + "\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        await using var scope = fixture.Services.CreateAsyncScope();
        var code = await CommandLine.RunAsync(["create-editor", "--email", email, "--admin", "--password-stdin"], scope.ServiceProvider, stdin, stdout, stderr);
        Assert.True(code == CommandLine.Success, $"create-editor exited with {code}: {stderr}");
    }

    private static async Task ExpectNoSeriousViolationsAsync(BrowserSession session, IPage page, string path)
    {
        await session.ScreenshotAsync("axe" + path.Replace('/', '-'), page);
        await SitePage.ExpectStyledAsync(page);
        var violations = await Axe.RunAsync(page);
        session.Log($"axe-core {Axe.Version}: {violations.Count} violation(s) on {path}");
        if (violations.Count > 0)
        {
            session.Log(Axe.Describe(violations));
        }

        var serious = violations.Where(Axe.IsSeriousOrCritical).ToList();
        Assert.True(serious.Count == 0, $"axe-core found serious or critical violations on {path} at {session.Width}px:\n{Axe.Describe(serious)}");
    }
}
