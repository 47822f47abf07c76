using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.BrowserTests.Infrastructure;
using PeoplesStories.BrowserTests.Pages;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;
using Xunit.Abstractions;

namespace PeoplesStories.BrowserTests.Tests;

/// <summary>
/// The XSS corpus in real Chromium: typed into every form, searched for, and imported in an archive,
/// then every page that shows it loaded with hooks on alert, confirm, prompt, console and
/// <c>window.__xss</c>. No payload runs and none is live markup in the DOM. (The integration tests
/// put every payload in every field over HTTP; here each payload goes into one field, in turn.)
/// </summary>
[Collection(XssBrowserCollection.Name)]
public sealed class SafeRenderingTests(XssBrowserFixture fixture, ITestOutputHelper output)
{
    private const string Password = "Browser-Xss-42-editor!";

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
