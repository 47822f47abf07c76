using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.IntegrationTests.Submissions;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Data;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;

namespace PeoplesStories.IntegrationTests.Rendering;

/// <summary>
/// Every payload of the XSS corpus through every input (forms, search, imported archive pages): no
/// page the site serves carries one as live markup. The browser tests run the same payloads in Chromium.
/// </summary>
public sealed class SafeRenderingTests : IDisposable
{
    private const string EditorEmail = "xss-editor@example.org";

    private readonly StoriesAppFactory app = new StoriesAppFactory(importSeeds: false)
        .WithSetting("Guestbook:MinimumSecondsToSubmit", "0")
        .WithSetting("Submit:MinimumSecondsToSubmit", "0")
        .WithSetting("RateLimiting:Guestbook:PermitLimit", "100000")
        .WithSetting("RateLimiting:Submit:PermitLimit", "100000");

    private readonly XssProbe probe = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public void The_corpus_holds_at_least_200_distinct_payloads()
    {
        Assert.True(XssCorpus.Payloads.Count >= 200, $"{XssCorpus.Payloads.Count} payloads");
        Assert.Equal(XssCorpus.Payloads.Count, XssCorpus.Payloads.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(XssCorpus.Payloads, p => p.Contains('\n', StringComparison.Ordinal));
        Assert.Contains("<img src=x onerror=\\u0061lert(232)>", XssCorpus.Payloads);
    }

    [Fact]
    public async Task The_check_finds_live_markup_when_there_is_some()
    {
        // The rules must see what a payload would leave, or every other test here proves nothing.
        var page = await Html.ParseAsync("<html><body><p>fine</p><img src=x onerror=alert(1)><a href=' JavaScript:alert(2)'>x</a><svg></svg></body></html>");
        probe.Check(page, "sample");
        Assert.Collection(
            probe.Findings,
            f => Assert.Equal("sample: <img> element", f),
            f => Assert.Equal("sample: <img src=\"x\">", f),
            f => Assert.Equal("sample: <img onerror=\"alert(1)\">", f),
            f => Assert.Equal("sample: <a href=\" JavaScript:alert(2)\"> (a script or document address)", f),
            f => Assert.Equal("sample: <svg> element", f));
    }

    [Fact]
    public async Task Payloads_posted_to_every_form_never_come_back_as_live_markup()
    {
        await CreateEditorAsync(app, EditorEmail);
        using var editor = await SignedInClientAsync(app, EditorEmail);
        using var visitor = NewClient(app);
        foreach (var form in XssInputs.Forms)
        {
            await probe.PostEveryPayloadAsync(form.SignedIn ? editor : visitor, form, XssCorpus.Payloads);
        }

        var stored = await app.QueryAsync(db => db.GuestbookEntries.CountAsync());
        var submissions = await app.QueryAsync(db => db.Submissions.Select(s => s.Id).ToListAsync());
        Assert.True(stored > XssCorpus.Payloads.Count / 2, $"only {stored} guestbook entries were stored");
        Assert.True(submissions.Count > XssCorpus.Payloads.Count * 9 / 10, $"only {submissions.Count} submissions were stored");

        // Editors review each submission (the submitter's text, contact included), then publish it.
        foreach (var id in submissions)
        {
            await probe.CheckAsync(editor, $"/editor/submissions/{id}", "review");
            using var published = await SubmissionClient.ReviewPostAsync(editor, id, "Publish");
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        foreach (var (url, signedIn) in XssInputs.Showcases)
        {
            await probe.CheckWithFollowingPagesAsync(signedIn ? editor : visitor, url);
        }

        foreach (var slug in await app.QueryAsync(db => db.Stories.Select(s => s.Slug).ToListAsync()))
        {
            await probe.CheckAsync(visitor, $"/stories/{slug}", "story");
        }

        AssertNoFindings();
    }

    [Fact]
    public async Task Payloads_searched_for_are_shown_back_as_text_and_the_api_answers_json()
    {
        using var client = NewClient(app);
        foreach (var payload in XssCorpus.Payloads)
        {
            var query = Uri.EscapeDataString(payload);
            await probe.CheckAsync(client, $"/search?q={query}", "search");
            using var api = await client.GetAsync($"/api/search?q={query}");
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());
        }

        Assert.Equal(XssCorpus.Payloads.Count, probe.PagesChecked);
        AssertNoFindings();
    }

    [Fact]
    public async Task Imported_payloads_in_titles_bylines_paragraphs_and_links_never_come_back_as_live_markup()
    {
        var folder = Path.Combine(app.Folder, "xss-archive");
        Directory.CreateDirectory(folder);
        var pages = XssInputs.ArchivePages().ToList();
        foreach (var (name, text) in pages)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), text);
        }

        var import = await app.RunCommandAsync("import", folder);
        Assert.True(import.ExitCode == CommandLine.Success, import.Stdout + import.Stderr);
        var stories = await app.QueryAsync(db => db.Stories.Select(s => s.Slug).ToListAsync());
        Assert.Equal(pages.Count, stories.Count);
        var links = await app.QueryAsync(db => db.SourceLinks.Select(l => l.Url).ToListAsync());
        Assert.True(links.Count >= pages.Count, $"{links.Count} links from {pages.Count} pages");
        Assert.All(links, url => Assert.StartsWith("https://example.org/", url, StringComparison.Ordinal));

        using var client = NewClient(app);
        foreach (var slug in stories)
        {
            await probe.CheckAsync(client, $"/stories/{slug}", "story");
        }

        foreach (var url in XssInputs.ReaderPages)
        {
            await probe.CheckWithFollowingPagesAsync(client, url);
        }

        foreach (var words in XssInputs.SnippetSearches)
        {
            await probe.CheckWithFollowingPagesAsync(client, $"/search?q={words}");
        }

        // Feeds carry titles and summaries as plain text, which a feed reader never reads as markup.
        foreach (var feed in new[] { "/feed", "/countries/kh/feed", "/sections/hardening/feed" })
        {
            var atom = XDocument.Parse(await client.GetStringAsync(feed));
            var texts = atom.Descendants().Where(e => e.Name.LocalName is "title" or "summary" or "content").ToList();
            Assert.NotEmpty(texts);
            Assert.All(texts, e => Assert.Equal("text", (string?)e.Attribute("type") ?? "text"));
        }

        AssertNoFindings();
    }

    private void AssertNoFindings() =>
        Assert.True(probe.Findings.Count == 0, $"{probe.Findings.Count} live markup finding(s) on {probe.PagesChecked} pages:\n" + string.Join("\n", probe.Findings.Take(40)));
}
