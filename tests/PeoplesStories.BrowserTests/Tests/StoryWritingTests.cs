using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.BrowserTests.Infrastructure;
using PeoplesStories.BrowserTests.Pages;
using PeoplesStories.Web.Cli;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Tests;

/// <summary>
/// An editor writes a story with two dated updates, publishes it, finds it through search, edits it,
/// reads the difference, restores the first revision, and a reader sees the result; axe-core on the
/// story form, the history and the diff.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StoryWritingTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Password = "Browser-Tests-42-writer!";

    [SkippableTheory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public Task An_editor_writes_publishes_edits_and_restores_a_story_and_a_reader_sees_it(int width) =>
        BrowserSession.RunAsync(fixture, output, nameof(An_editor_writes_publishes_edits_and_restores_a_story_and_a_reader_sees_it), width, async session =>
        {
            var email = $"writer-{width}@example.org";
            await CreateEditorAsync(email);
            var keyword = $"quillwort{width}";
            var title = $"Fishers of Lake Tonle Sap in Cambodia ({width}px)";

            var page = session.Page;
            var dashboard = await (await EditorSignInPage.OpenAsync(page)).SignInAsync(email, Password);
            await dashboard.NavLink("New story").ClickAsync();

            // The new page's own heading, retried until it shows: a load-state wait straight after the
            // click could miss the navigation's load event and wait out its whole timeout.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New story", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var form = new StoryFormPage(page);
            await form.PressAsync("Add an update");
            await form.TitleBox.FillAsync(title);
            await form.BylineBox.FillAsync("Our correspondent");
            await form.NewSectionBox.FillAsync("Land");
            await form.DateBox(0).FillAsync("June 2025");
            await form.BodyBox(0).FillAsync($"The {keyword} nets were *returned* to the fishers.");
            await form.LinksBox(0).FillAsync("https://example.org/2025/06/nets");
            await form.DateBox(1).FillAsync("Aug. 2023");
            await form.BodyBox(1).FillAsync("Patrols seized the fishers’ nets.");
            await form.PressAsync("Preview");
            await Expect(form.Update(0).Locator(".story-preview em")).ToHaveTextAsync("returned");
            await form.CountryBox("kh").CheckAsync();
            await form.PrimaryRadio("kh").CheckAsync();
            await session.ScreenshotAsync("new-story");
            var edit = await form.SaveAsync();
            await session.ScreenshotAsync("saved-draft");
            await Expect(edit.State).ToHaveTextAsync("Draft");
            await edit.ExpectLayoutAsync();

            await edit.PublishAsync();
            await session.ScreenshotAsync("published");

            // Found through the header's search.
            var search = await edit.SearchAsync(keyword, "All countries");
            await session.ScreenshotAsync("search");
            await Expect(search.ResultLink(title)).ToHaveCountAsync(1);
            var storyUrl = await search.ResultLink(title).GetAttributeAsync("href");
            await page.GoBackAsync();
            await page.GoBackAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            edit = new StoryEditPage(page);
            await page.ReloadAsync();

            await edit.TitleBox.FillAsync(title.Replace("Fishers", "Families", StringComparison.Ordinal));
            await edit.BodyBox(0).FillAsync($"The {keyword} nets were never returned.");
            await edit.SummaryBox.FillAsync("the nets were not returned after all");
            await edit.SaveAsync();
            await session.ScreenshotAsync("edited");

            var history = await edit.OpenHistoryAsync();
            await session.ScreenshotAsync("history");
            await Expect(history.Rows).ToHaveCountAsync(2);
            var diff = await history.CompareAsync(1, 2);
            await session.ScreenshotAsync("diff");
            await Expect(diff.Deleted.First).ToHaveTextAsync("Fishers");
            await Expect(diff.Inserted.First).ToHaveTextAsync("Families");
            await Expect(diff.Inserted.Filter(new() { HasText = "never" })).ToHaveCountAsync(1);

            await page.GoBackAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            history = new StoryHistoryPage(page);
            await history.RestoreAsync(1);
            await session.ScreenshotAsync("restored");
            await Expect(history.Rows).ToHaveCountAsync(3);

            // A reader, in a fresh browser, reads the restored story.
            var readerPage = await session.NewContextPageAsync();
            await readerPage.GotoAsync(storyUrl!);
            var story = new StoryPage(readerPage);
            await session.ScreenshotAsync("reader-story", readerPage);
            await story.ExpectLayoutAsync();
            await Expect(story.Title).ToHaveTextAsync(title);
            await Expect(story.Main).ToContainTextAsync("nets were returned to the fishers");
            await Expect(story.Main.Locator(".update-body em")).ToHaveTextAsync("returned");
            await Expect(story.UpdateHeadings).ToHaveCountAsync(2);

            // axe-core on the story form, the history and the diff.
            var axePage = await session.NewContextPageAsync(bypassCsp: true);
            await (await EditorSignInPage.OpenAsync(axePage)).SignInAsync(email, Password);
            var editPath = new Uri(page.Url).AbsolutePath.Replace("/history", "", StringComparison.Ordinal);
            foreach (var path in new[] { "/editor/stories/new", editPath, editPath + "/history", editPath + "/diff?from=1&to=2" })
            {
                await axePage.GotoAsync(path);
                await session.ScreenshotAsync("axe" + path.Replace('/', '-').Replace('?', '-').Replace('&', '-').Replace('=', '-'), axePage);
                await SitePage.ExpectStyledAsync(axePage);
                var violations = await Axe.RunAsync(axePage);
                session.Log($"axe-core {Axe.Version}: {violations.Count} violation(s) on {path}");
                var serious = violations.Where(Axe.IsSeriousOrCritical).ToList();
                Assert.True(serious.Count == 0, $"axe-core found serious or critical violations on {path} at {width}px:\n{Axe.Describe(serious)}");
            }

            // The browser tests share one site: archiving the story leaves its home page as the other tests expect it.
            await page.GotoAsync(editPath);
            await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
            await Expect(new StoryEditPage(page).State).ToHaveTextAsync("Archived");
        });

    private async Task CreateEditorAsync(string email)
    {
        using var stdin = new StringReader(Password + "\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        await using var scope = fixture.Services.CreateAsyncScope();
        var code = await CommandLine.RunAsync(["create-editor", "--email", email, "--password-stdin"], scope.ServiceProvider, stdin, stdout, stderr);
        Assert.True(code == CommandLine.Success, $"create-editor exited with {code}: {stderr}");
    }
}
