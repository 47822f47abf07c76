using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.BrowserTests.Infrastructure;
using PeoplesStories.BrowserTests.Pages;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PeoplesStories.BrowserTests.Tests;

/// <summary>
/// The XSS corpus in real Chromium: typed into every form and the story editor, searched for, and
/// imported in an archive, then every page that shows it loaded with hooks on alert, confirm, prompt,
/// console and <c>window.__xss</c>. No payload runs and none is live markup in the DOM. (The integration
/// tests put every payload in every field over HTTP; here each payload goes into a few fields, in turn.)
/// </summary>
[Collection(XssBrowserCollection.Name)]
public sealed class SafeRenderingTests(XssBrowserFixture fixture, ITestOutputHelper output)
{
    private const string Password = "Browser-Xss-42-editor!";

    private const string NewStoryPath = "/editor/stories/new";

    /// <summary>
    /// The stories the editor test writes, and the updates each has: a revision carries as many payloads
    /// as updates.
    /// </summary>
    private const int Stories = 4;

    private const int StoryUpdates = 6;

    /// <summary>A text and a headline per update, a title and a byline.</summary>
    private const int PayloadsPerRevision = (2 * StoryUpdates) + 2;

    [SkippableFact]
    public Task Payloads_typed_into_every_form_never_run_nor_come_back_as_markup() =>
        BrowserSession.RunAsync(fixture, output, nameof(Payloads_typed_into_every_form_never_run_nor_come_back_as_markup), Viewports.Desktop, async session =>
        {
            var payloads = XssCorpus.Payloads;
            var email = "xss-forms@example.org";
            await CreateEditorAsync(email);
            var editorPage = await session.NewContextPageAsync();
            await (await EditorSignInPage.OpenAsync(editorPage)).SignInAsync(email, Password);
            var editor = await XssWatch.StartAsync(editorPage);
            var visitor = await XssWatch.StartAsync(session.Page);

            // A payload with a NUL is refused by the form reader: the site's 400 page answers.
            foreach (var form in XssInputs.Forms)
            {
                session.ExpectStatus(form.Url, 400);
                var watch = form.SignedIn ? editor : visitor;
                for (var first = 0; first < payloads.Count; first += form.Fields.Count)
                {
                    await watch.Page.GotoAsync(form.Url);
                    var element = watch.Page.Locator("form").Filter(new() { Has = watch.Page.Locator($"[name='{form.Fields[0]}']") });
                    for (var field = 0; field < form.Fields.Count; field++)
                    {
                        await element.Locator($"[name='{form.Fields[field]}']").FillAsync(payloads[(first + field) % payloads.Count]);
                    }

                    // The answer is the page the POST ends on: the form shown again, or where its redirect leads.
                    await watch.Page.RunAndWaitForResponseAsync(
                        () => element.Locator("button[type=submit]").First.ClickAsync(),
                        response => response.Request.IsNavigationRequest && response.Status is not (301 or 302 or 303));
                    await watch.Page.WaitForLoadStateAsync(LoadState.Load);
                    await watch.CheckAsync($"{form.Name} from payload {first}");
                }
            }

            await session.ScreenshotAsync("after-forms");
            foreach (var id in await QueryAsync(db => db.Submissions.Select(s => s.Id).ToListAsync()))
            {
                await editor.VisitAsync($"/editor/submissions/{id}", "review");
                await new SubmissionReviewPage(editorPage).PublishAsync();
                await editor.CheckAsync("published");
            }

            foreach (var (url, signedIn) in XssInputs.Showcases)
            {
                await (signedIn ? editor : visitor).VisitWithFollowingPagesAsync(url);
            }

            await session.ScreenshotAsync("guestbook", session.Page);
            foreach (var slug in await QueryAsync(db => db.Stories.Select(s => s.Slug).ToListAsync()))
            {
                await visitor.VisitAsync($"/stories/{slug}", "story");
            }

            Assert.True(visitor.PagesChecked > payloads.Count, $"only {visitor.PagesChecked} pages were checked");
            visitor.AssertNone();
            editor.AssertNone();
        });

    [SkippableFact]
    public Task Payloads_searched_for_and_imported_never_run_nor_come_back_as_markup() =>
        BrowserSession.RunAsync(fixture, output, nameof(Payloads_searched_for_and_imported_never_run_nor_come_back_as_markup), Viewports.Desktop, async session =>
        {
            var reader = await XssWatch.StartAsync(session.Page);
            foreach (var payload in XssCorpus.Payloads)
            {
                await reader.VisitAsync("/search?q=" + Uri.EscapeDataString(payload), "search");
            }

            var folder = Directory.CreateTempSubdirectory("stories-xss-archive-").FullName;
            try
            {
                foreach (var (name, text) in XssInputs.ArchivePages())
                {
                    await File.WriteAllTextAsync(Path.Combine(folder, name), text);
                }

                var (code, stdout) = await RunCommandAsync("import", folder);
                Assert.True(code == CommandLine.Success, stdout);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            foreach (var slug in await QueryAsync(db => db.Stories.Where(s => s.Section.Name == XssInputs.ArchiveSection).Select(s => s.Slug).ToListAsync()))
            {
                await reader.VisitAsync($"/stories/{slug}", "imported story");
            }

            await session.ScreenshotAsync("imported-story");
            foreach (var url in XssInputs.ReaderPages.Concat(XssInputs.SnippetSearches.Select(words => "/search?q=" + words)))
            {
                await reader.VisitWithFollowingPagesAsync(url);
            }

            await session.ScreenshotAsync("search-snippets");
            reader.AssertNone();
        });

    [SkippableFact]
    public Task Payloads_written_in_the_story_editor_never_run_nor_come_back_as_markup() =>
        BrowserSession.RunAsync(fixture, output, nameof(Payloads_written_in_the_story_editor_never_run_nor_come_back_as_markup), Viewports.Desktop, async session =>
        {
            var email = "xss-stories@example.org";
            await CreateEditorAsync(email);
            var editorPage = await session.NewContextPageAsync();
            await (await EditorSignInPage.OpenAsync(editorPage)).SignInAsync(email, Password);
            var editor = await XssWatch.StartAsync(editorPage);
            var reader = await XssWatch.StartAsync(session.Page);
            var form = new StoryEditPage(editorPage);

            // The form reader refuses a NUL wherever it is typed: the site's 400 page answers, with nothing live on it either.
            session.ExpectStatus(NewStoryPath, 400);
            foreach (var payload in XssCorpus.Payloads.Where(XssInputs.RefusedByEveryForm))
            {
                await editorPage.GotoAsync(NewStoryPath);
                await form.TitleBox.FillAsync("Refused");
                await form.BodyBox(0).FillAsync(payload);
                var refused = await form.ActAsync("save");
                Assert.Equal(400, refused.Status);
                await editor.CheckAsync("NUL refused");
            }

            // Every other payload, in turn, is an update's Markdown text, an update's headline, a title or a
            // byline (see FillStoryAsync); the texts' payloads are put in the sources and the summary too.
            // Each revision of a story takes the next payloads; every revision is previewed, saved and read as readers read it.
            var payloads = XssCorpus.Payloads.Where(p => !XssInputs.RefusedByEveryForm(p)).ToList();
            var revisions = (payloads.Count + PayloadsPerRevision - 1) / PayloadsPerRevision;
            var editPaths = new string?[Stories];
            var saves = new int[Stories];
            for (var revision = 0; revision < revisions; revision++)
            {
                var story = revision % Stories;
                var first = revision * PayloadsPerRevision;
                var block = Enumerable.Range(first, PayloadsPerRevision).Select(i => payloads[i % payloads.Count]).ToList();
                var label = $"story {story + 1}, payloads {first}-{first + PayloadsPerRevision - 1}";
                if (editPaths[story] is { } editPath)
                {
                    await editorPage.GotoAsync(editPath);
                }
                else
                {
                    await editorPage.GotoAsync(NewStoryPath);
                    for (var i = 1; i < StoryUpdates; i++)
                    {
                        await form.ActAsync("add");
                    }

                    await form.NewSectionBox.FillAsync("Testimony");
                }

                await FillStoryAsync(form, block);
                await form.ActAsync("preview");
                await Expect(form.Form.Locator(".story-preview")).ToHaveCountAsync(StoryUpdates);
                await editor.CheckAsync("preview, " + label);

                var saved = await form.ActAsync("save");
                if (saved.Request.Method == "POST")
                {
                    // A source that is no web address: the form is shown again with it and the message naming it.
                    await Expect(form.Form.Locator("[role=alert]")).ToHaveCountAsync(1);
                    await editor.CheckAsync("sources refused, " + label);
                    for (var i = 0; i < StoryUpdates; i++)
                    {
                        await form.LinksBox(i).FillAsync($"https://example.org/report/{first + i}");
                    }

                    saved = await form.ActAsync("save");
                }

                Assert.True(saved.Request.Method == "GET" && Regex.IsMatch(new Uri(saved.Url).AbsolutePath, @"^/editor/stories/\d+$"), $"{label}: the save ended on {saved.Request.Method} {saved.Url} ({saved.Status})");
                saves[story]++;
                await editor.CheckAsync("saved, " + label);
                if (editPaths[story] is null)
                {
                    editPaths[story] = new Uri(saved.Url).AbsolutePath;
                    await form.PublishAsync();
                    await editor.CheckAsync("published, " + label);
                }

                await reader.VisitAsync((await form.ReaderLink.GetAttributeAsync("href"))!, "story, " + label);
            }

            await session.ScreenshotAsync("editor-story", session.Page);
            for (var story = 0; story < Stories; story++)
            {
                var history = new StoryHistoryPage(editorPage);
                await editor.VisitAsync(editPaths[story] + "/history", $"history of story {story + 1}");
                await Expect(history.Rows).ToHaveCountAsync(saves[story]);
                for (var to = 2; to <= saves[story]; to++)
                {
                    await editor.VisitAsync($"{editPaths[story]}/diff?from={to - 1}&to={to}", $"diff of story {story + 1}");
                    await Expect(new StoryDiffPage(editorPage).Inserted.First).ToBeVisibleAsync();
                }
            }

            await session.ScreenshotAsync("editor-diff", editorPage);
            await reader.VisitWithFollowingPagesAsync("/");
            foreach (var word in XssInputs.SnippetSearches)
            {
                await reader.VisitWithFollowingPagesAsync("/search?q=" + Uri.EscapeDataString(word));
            }

            await editor.VisitWithFollowingPagesAsync("/editor");
            Assert.True(reader.PagesChecked >= revisions, $"only {reader.PagesChecked} reader pages were checked");
            reader.AssertNone();
            editor.AssertNone();
        });

    [SkippableFact]
    public Task The_watch_sees_a_payload_that_runs_and_markup_that_is_live() =>
        BrowserSession.RunAsync(fixture, output, nameof(The_watch_sees_a_payload_that_runs_and_markup_that_is_live), Viewports.Desktop, async session =>
        {
            // A page without the site's policy, where a payload does run: the checks must see it, or they prove nothing.
            var watch = await XssWatch.StartAsync(session.Page);
            await session.Page.GotoAsync("about:blank");
            await session.Page.SetContentAsync("<p>text</p><img src=x onerror=\"alert(1)\"><script>window.__xss = 2; console.log('ran')</script>");
            await session.Page.WaitForFunctionAsync("() => window.__xssHits.length >= 3");
            await watch.CheckAsync("sample");

            Assert.Contains("sample (blank): ran __xss=2", watch.Findings);
            Assert.Contains("sample (blank): ran console.log(ran)", watch.Findings);
            Assert.Contains("sample (blank): ran alert(1)", watch.Findings);
            Assert.Contains("sample (blank): <script> element", watch.Findings);
            Assert.Contains("sample (blank): <img onerror=\"alert(1)\">", watch.Findings);
        });

    /// <summary>
    /// Fills the story form with a revision's <see cref="PayloadsPerRevision"/> payloads, each in a field
    /// readers see: update i's Markdown text is payload i and its headline payload
    /// <see cref="StoryUpdates"/> + i, and the last two are the title and the byline. Update i's
    /// sources hold the next update's text, and the summary (shown in the history) the first.
    /// </summary>
    private static async Task FillStoryAsync(StoryFormPage form, IReadOnlyList<string> block)
    {
        // A title or byline of spaces alone is refused; the corpus has none, but a new payload could be one.
        static string Named(string payload) => string.IsNullOrWhiteSpace(payload) ? "Our correspondent" : payload;
        await form.TitleBox.FillAsync(Named(block[2 * StoryUpdates]));
        await form.BylineBox.FillAsync(Named(block[(2 * StoryUpdates) + 1]));
        await form.SummaryBox.FillAsync(block[0]);
        for (var i = 0; i < StoryUpdates; i++)
        {
            await form.BodyBox(i).FillAsync(block[i]);
            await form.HeadlineBox(i).FillAsync(block[StoryUpdates + i]);
            await form.LinksBox(i).FillAsync(block[(i + 1) % StoryUpdates]);
        }
    }

    private async Task CreateEditorAsync(string email)
    {
        using var stdin = new StringReader(Password + "\n");
        var (code, text) = await RunCommandAsync(stdin, "create-editor", "--email", email, "--password-stdin");
        Assert.True(code == CommandLine.Success, text);
    }

    private Task<(int Code, string Output)> RunCommandAsync(params string[] args) => RunCommandAsync(TextReader.Null, args);

    private async Task<(int Code, string Output)> RunCommandAsync(TextReader stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        await using var scope = fixture.Services.CreateAsyncScope();
        var code = await CommandLine.RunAsync(args, scope.ServiceProvider, stdin, stdout, stderr);
        return (code, stdout + "\n" + stderr);
    }

    private async Task<T> QueryAsync<T>(Func<StoriesDbContext, Task<T>> query)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoriesDbContext>());
    }
}
