using System.Net;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Archive;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Editor.StoryFormClient;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>Writing stories at /editor/stories: the real forms posted with their tokens, the results read from the database and the readers' pages.</summary>
public sealed class StoryEditorTests : IAsyncLifetime, IDisposable
{
    private const string Writer = "writer@example.org";

    private readonly StoriesAppFactory app = new StoriesAppFactory(importSeeds: false).WithSetting("Submit:MinimumSecondsToSubmit", "0");
    private HttpClient editor = null!;

    public async Task InitializeAsync()
    {
        await CreateEditorAsync(app, Writer);
        editor = await SignedInClientAsync(app, Writer);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        editor?.Dispose();
        app.Dispose();
    }

    private Task<Story> StoryAsync(int id) =>
        app.QueryAsync(db => db.Stories.AsNoTracking().Include(s => s.Updates).ThenInclude(u => u.Links).Include(s => s.Countries).Include(s => s.Section)
            .AsSplitQuery().SingleAsync(s => s.Id == id));

    private Task<List<StoryRevision>> RevisionsAsync(int id) =>
        app.QueryAsync(db => db.StoryRevisions.AsNoTracking().Where(r => r.StoryId == id).OrderBy(r => r.Number).ToListAsync());

    private static int IdOf(string url) => int.Parse(url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_story_of_thirty_updates_is_previewed_and_saved()
    {
        var updates = Enumerable.Range(1, 30).Select(i => ($"{2024 - i}", $"Update number {i} of the long story.", $"https://example.org/{i}")).ToArray();
        var url = await CreateStoryAsync(editor, "A long story", updates);

        var page = await editor.GetDocumentAsync(url);
        using var preview = await PostAsync(editor, url, FieldsOf(page), "preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        using var saved = await PostAsync(editor, url, FieldsOf(page).Set("Input.Updates[29].Body", "The last update, revised."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var story = await StoryAsync(IdOf(url));
        Assert.Equal(30, story.Updates.Count);
        Assert.Equal("The last update, revised.", story.Updates.OrderBy(u => u.Position).Last().Body);
        Assert.Equal(2, (await RevisionsAsync(IdOf(url))).Count);
    }

    [Fact]
    public async Task A_new_story_with_two_dated_updates_is_saved_as_a_draft_with_its_first_revision()
    {
        var url = await CreateStoryAsync(editor, "Journalists detained in Cambodia",
            ("June 2025", "Two journalists were *released* on bail.", "https://example.org/release"),
            ("Aug. 2023", "Police detained two journalists.\n\nTheir lawyer was not told.", "https://example.org/2023/08/arrest\nhttps://example.com/report"));

        var story = await StoryAsync(IdOf(url));
        Assert.Equal(StoryState.Draft, story.State);
        Assert.Equal("Journalists detained in Cambodia", story.Title);
        Assert.Equal("Freedom", story.Section.Name);
        var updates = story.Updates.OrderBy(u => u.Position).ToList();
        Assert.Equal(["June 2025", "Aug. 2023"], updates.Select(u => u.DateText));
        Assert.Equal([new DateOnly(2025, 6, 1), new DateOnly(2023, 8, 1)], updates.Select(u => u.DateValue!.Value));
        Assert.All(updates, u => Assert.Equal(DatePrecision.Month, u.DatePrecision));
        Assert.Equal("<p>Two journalists were <em>released</em> on bail.</p>", updates[0].BodyHtml);
        Assert.Equal(["https://example.org/2023/08/arrest", "https://example.com/report"], updates[1].Links.OrderBy(l => l.Position).Select(l => l.Url));
        Assert.Equal(new DateOnly(2025, 6, 1), story.LatestUpdateOn);

        var revision = Assert.Single(await RevisionsAsync(story.Id));
        Assert.Equal(Writer, revision.Author);
        Assert.Contains("Police detained two journalists.", revision.Snapshot, StringComparison.Ordinal);

        var page = await editor.GetDocumentAsync(url);
        Assert.Equal("The story is saved as a draft (revision 1).", page.QuerySelector(".editor-notice")!.TextContent);
        Assert.Equal("Draft", page.QuerySelector("#story-state")!.TextContent);
        var dashboard = await editor.GetDocumentAsync("/editor");
        Assert.Contains(url, dashboard.QuerySelectorAll("table[aria-describedby=drafts] a").Select(a => a.GetAttribute("href")));

        using var reader = app.CreateClient();
        using var hidden = await reader.GetAsync("/stories/" + story.Slug);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task A_date_not_understood_and_links_that_are_not_web_addresses_are_refused_beside_their_fields_and_the_text_is_kept()
    {
        var page = await editor.GetDocumentAsync("/editor/stories/new");
        var fields = FieldsOf(page)
            .Set("Input.Title", "A story")
            .Set("Input.Byline", "Someone")
            .Set("Input.NewSection", "Freedom")
            .Set("Input.Updates[0].DateText", "the summer after")
            .Set("Input.Updates[0].Body", "Kept text.")
            .Set("Input.Updates[0].Links", "https://example.org/ok\njavascript:alert(1)\ndata:text/html,<b>x</b>");
        using var response = await PostAsync(editor, "/editor/stories/new", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await ParseAsync(response);
        Assert.Contains("“the summer after” is not a date", refused.QuerySelector("#update-0-date-error")!.TextContent, StringComparison.Ordinal);
        var linkError = refused.QuerySelector("#update-0-links-error")!.TextContent;
        Assert.Contains("Line 2: “javascript:alert(1)” is not a web address", linkError, StringComparison.Ordinal);
        Assert.Contains("Line 3: “data:text/html,<b>x</b>” is not a web address", linkError, StringComparison.Ordinal);
        Assert.Equal("Kept text.", refused.QuerySelector("textarea[name='Input.Updates[0].Body']")!.TextContent.Trim());
        Assert.Equal("the summer after", refused.QuerySelector("input[name='Input.Updates[0].DateText']")!.GetAttribute("value"));
        Assert.Equal(0, await app.QueryAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task Preview_renders_the_markdown_on_the_server_without_saving_anything()
    {
        var page = await editor.GetDocumentAsync("/editor/stories/new");
        var fields = FieldsOf(page).Set("Input.Updates[0].Body", "A **bold** claim and [a source](https://example.org/a).");
        using var response = await PostAsync(editor, "/editor/stories/new", fields, "preview");
        var preview = (await ParseAsync(response)).QuerySelector(".story-preview")!;
        Assert.Equal("bold", preview.QuerySelector("strong")!.TextContent);
        Assert.Equal("https://example.org/a", preview.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(0, await app.QueryAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task Countries_are_suggested_from_the_text_with_the_phrase_that_matched_and_the_editor_confirms_them()
    {
        var page = await editor.GetDocumentAsync("/editor/stories/new");
        var fields = FieldsOf(page)
            .Set("Input.Title", "Strike in Cambodia")
            .Set("Input.Byline", "Someone")
            .Set("Input.NewSection", "Freedom")
            .Set("Input.Updates[0].DateText", "2024")
            .Set("Input.Updates[0].Body", "Workers marched; unions in Thailand sent support.");
        using var suggested = await PostAsync(editor, "/editor/stories/new", fields, "suggest");
        var form = await ParseAsync(suggested);
        Assert.Equal("“Cambodia”", form.QuerySelector("#country-kh .story-country-phrase")!.TextContent.Trim());
        Assert.Equal("“Thailand”", form.QuerySelector("#country-th .story-country-phrase")!.TextContent.Trim());
        Assert.Null(form.QuerySelector("#country-kh input[type=checkbox][checked]"));

        // Confirm Cambodia as primary, leave Thailand out, add Laos by hand.
        var confirmed = FieldsOf(form).Add("Input.Countries", "KH").Set("Input.PrimaryCountry", "KH").Set("Input.AddCountry", "LA");
        using var saved = await PostAsync(editor, "/editor/stories/new", confirmed);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var story = await StoryAsync(IdOf(saved.Headers.Location!.OriginalString));
        Assert.Equal(["KH", "LA"], story.Countries.OrderBy(c => c.CountryCode).Select(c => c.CountryCode));
        Assert.True(story.Countries.Single(c => c.CountryCode == "KH").IsPrimary);
        Assert.False(story.Countries.Single(c => c.CountryCode == "LA").IsPrimary);
    }

    [Fact]
    public async Task Publishing_puts_the_story_before_readers_at_once_and_unpublishing_takes_it_away()
    {
        var url = await CreateStoryAsync(editor, "Floodgate inquiry in Cambodia", ("March 2024", "The zyxquorum inquiry opened.", ""));
        var id = IdOf(url);
        var withCountry = FieldsOf(await editor.GetDocumentAsync(url)).Add("Input.Countries", "KH").Set("Input.PrimaryCountry", "KH");
        using (var saved = await PostAsync(editor, url, withCountry))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var reader = app.CreateClient();
        var slug = (await StoryAsync(id)).Slug;

        // The reader's pages are asked for before publishing, so a cache of them would be stale.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/stories/" + slug)).StatusCode);
        Assert.DoesNotContain(slug, await reader.GetStringAsync("/search?q=zyxquorum"), StringComparison.Ordinal);

        using (var published = await StateAsync(editor, url, "Publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var story = await StoryAsync(id);
        Assert.Equal(StoryState.Published, story.State);
        Assert.Equal(Writer, story.PublishedBy);
        Assert.NotNull(story.PublishedAt);
        var page = await reader.GetDocumentAsync("/stories/" + slug);
        Assert.Equal("The zyxquorum inquiry opened.", page.QuerySelector("section.update .update-body p")!.TextContent);
        Assert.Contains("/stories/" + slug, (await reader.GetDocumentAsync("/search?q=zyxquorum")).QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("/stories/" + slug, (await reader.GetDocumentAsync("/countries/kh")).QuerySelectorAll("a").Select(a => a.GetAttribute("href")));

        using (var unpublished = await StateAsync(editor, url, "Unpublish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        }

        Assert.Equal(StoryState.Draft, (await StoryAsync(id)).State);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/stories/" + slug)).StatusCode);
        Assert.DoesNotContain(slug, await reader.GetStringAsync("/search?q=zyxquorum"), StringComparison.Ordinal);
        var audit = await AuditAsync(app);
        Assert.Contains(audit, a => a.Action == "publish" && a.Actor == Writer && a.Subject == $"story {id}");
        Assert.Contains(audit, a => a.Action == "unpublish" && a.Actor == Writer && a.Subject == $"story {id}");
    }

    [Fact]
    public async Task Every_save_writes_a_revision_the_diff_shows_the_changed_words_and_a_restore_is_a_new_revision_readers_see()
    {
        var url = await CreateStoryAsync(editor, "Court hears the case", ("2024", "The court heard three witnesses today.", "https://example.org/a"));
        var id = IdOf(url);
        var edit = FieldsOf(await editor.GetDocumentAsync(url))
            .Set("Input.NewSection", "Justice")
            .Set("Input.Title", "Court hears the appeal")
            .Set("Input.Updates[0].Body", "The court heard five witnesses today.")
            .Set("Input.Summary", "corrected the count");
        using (var saved = await PostAsync(editor, url, edit))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var revisions = await RevisionsAsync(id);
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Equal("corrected the count", revisions[1].Summary);

        var history = await editor.GetDocumentAsync(url + "/history");
        Assert.Equal("corrected the count", history.QuerySelector("#revision-2 .revision-summary")!.TextContent);
        var diff = await editor.GetDocumentAsync(url + "/diff?from=1&to=2");
        Assert.Equal(["case", "Freedom", "three"], diff.Texts(".diff-text del"));
        Assert.Equal(["appeal", "Justice", "five"], diff.Texts(".diff-text ins"));

        using (var published = await StateAsync(editor, url, "Publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        using var reader = app.CreateClient();
        var slug = (await StoryAsync(id)).Slug;
        Assert.Equal("Court hears the appeal", (await reader.GetDocumentAsync("/stories/" + slug)).QuerySelector("h1")!.TextContent);

        var restoreForm = history.QuerySelector("#revision-1 form")!;
        using var restoreContent = new FormUrlEncodedContent([
            new("__RequestVerificationToken", restoreForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("number", "1")]);
        using (var restored = await editor.PostAsync(restoreForm.GetAttribute("action"), restoreContent))
        {
            Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        }

        revisions = await RevisionsAsync(id);
        Assert.Equal([1, 2, 3], revisions.Select(r => r.Number));
        Assert.Equal("restored revision 1", revisions[2].Summary);
        Assert.Equal("Revision 1 is restored, as revision 3.", (await editor.GetDocumentAsync(url + "/history")).QuerySelector(".editor-notice")!.TextContent);
        var page = await reader.GetDocumentAsync("/stories/" + slug);
        Assert.Equal("Court hears the case", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("The court heard three witnesses today.", page.QuerySelector(".update-body p")!.TextContent);
        Assert.Contains(await AuditAsync(app), a => a.Action == "restore" && a.Subject == $"story {id}");

        // Nothing is lost: revision 2's text is still there to restore.
        Assert.Contains("five witnesses", revisions[1].Snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_editor_saving_an_old_version_gets_both_texts_side_by_side_and_saving_the_merge_keeps_both()
    {
        await CreateEditorAsync(app, "second@example.org");
        using var second = await SignedInClientAsync(app, "second@example.org");
        var url = await CreateStoryAsync(editor, "Election watch", ("2024", "Original text.", ""));
        var id = IdOf(url);

        // Both open the story at the same version.
        var mine = FieldsOf(await editor.GetDocumentAsync(url));
        var theirs = FieldsOf(await second.GetDocumentAsync(url));

        using (var first = await PostAsync(second, url, theirs.Set("Input.Updates[0].Body", "Their correction.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var late = await PostAsync(editor, url, mine.Set("Input.Updates[0].Body", "My addition."));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var conflict = await ParseAsync(late);
        Assert.Contains("Their correction.", conflict.QuerySelector("#conflict-theirs")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("My addition.", conflict.QuerySelector("#conflict-yours")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("My addition.", conflict.QuerySelector("textarea[name='Input.Updates[0].Body']")!.TextContent.Trim());
        Assert.Equal("Their correction.", (await StoryAsync(id)).Updates.Single().Body);

        using var merged = await PostAsync(editor, url, FieldsOf(conflict).Set("Input.Updates[0].Body", "Their correction. My addition."));
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal("Their correction. My addition.", (await StoryAsync(id)).Updates.Single().Body);
        var revisions = await RevisionsAsync(id);
        Assert.Equal(3, revisions.Count);
        Assert.Equal("second@example.org", revisions[1].Author);
        Assert.Contains("Their correction.", revisions[1].Snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_with_raw_html_script_and_javascript_links_is_stored_and_shown_inert()
    {
        const string Hostile = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) and [data](data:text/html;base64,PHNjcmlwdD4=)\n\n<a href=\"https://example.org\" onclick=\"alert(4)\">raw</a>";
        var url = await CreateStoryAsync(editor, "Hostile text", ("2024", Hostile, ""));
        using (var published = await StateAsync(editor, url, "Publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var story = await StoryAsync(IdOf(url));
        // Raw HTML is shown as text; the links' scripts and data are gone, the link texts stay.
        var stored = await Html.ParseAsync(story.Updates.Single().BodyHtml!);
        Assert.Empty(stored.QuerySelectorAll("script, img, [onerror], [onclick], [src]"));
        Assert.Empty(stored.QuerySelectorAll("a[href]"));
        Assert.Equal(["click", "data"], stored.Texts("a"));
        Assert.Contains("onclick=", stored.Body!.TextContent, StringComparison.Ordinal);

        using var reader = app.CreateClient();
        var page = await reader.GetDocumentAsync("/stories/" + story.Slug);
        var body = page.QuerySelector(".update-body")!;
        Assert.Empty(body.QuerySelectorAll("script, img, [onerror], [onclick]"));
        Assert.All(body.QuerySelectorAll("a[href]"), a => Assert.StartsWith("http", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains("<script>alert(1)</script>", body.TextContent, StringComparison.Ordinal);

        // The preview is the same pipeline.
        var preview = await PostAsync(editor, url, FieldsOf(await editor.GetDocumentAsync(url)), "preview");
        var shown = (await ParseAsync(preview)).QuerySelector(".story-preview")!;
        Assert.Empty(shown.QuerySelectorAll("script, img, [onerror], [onclick]"));
    }

    [Fact]
    public async Task Updates_are_added_moved_and_removed_on_the_form_and_saved_in_that_order()
    {
        var url = await CreateStoryAsync(editor, "Three updates", ("2025", "Newest.", ""), ("2024", "Middle.", ""), ("2023", "Oldest.", ""));
        var id = IdOf(url);
        var page = await editor.GetDocumentAsync(url);
        using var moved = await PostAsync(editor, url, FieldsOf(page), "down-0");
        var afterMove = await ParseAsync(moved);
        Assert.Equal("Middle.", afterMove.QuerySelector("textarea[name='Input.Updates[0].Body']")!.TextContent.Trim());
        using var removed = await PostAsync(editor, url, FieldsOf(afterMove), "remove-2");
        using var saved = await PostAsync(editor, url, FieldsOf(await ParseAsync(removed)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["Middle.", "Newest."], (await StoryAsync(id)).Updates.OrderBy(u => u.Position).Select(u => u.Body));
    }

    [Fact]
    public async Task An_editor_edits_a_submitted_story_before_publishing_it_and_readers_get_the_edited_text()
    {
        using var visitor = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var sent = await Submissions.SubmissionClient.SubmitAsync(visitor, new Submissions.SubmitForm(Title: "Teachers held", Story: "Three teachers were detaned.", Country: "KH")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var submission = await app.QueryAsync(db => db.Submissions.AsNoTracking().SingleAsync());
        var review = await editor.GetDocumentAsync($"/editor/submissions/{submission.Id}");
        var url = review.QuerySelector("#edit-story")!.GetAttribute("href")!;
        Assert.Equal($"/editor/stories/{submission.StoryId}", url);
        var form = await editor.GetDocumentAsync(url);
        Assert.Null(form.QuerySelector("form[action*='handler=Publish']"));
        using (var saved = await PostAsync(editor, url, FieldsOf(form).Set("Input.Updates[0].Body", "Three teachers were detained.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var publish = review.QuerySelector("form[action*='handler=Publish']")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", publish.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
        using (var published = await editor.PostAsync(publish.GetAttribute("action"), content))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var story = await StoryAsync(submission.StoryId);
        Assert.Equal((StoryState.Published, Writer), (story.State, story.PublishedBy));
        Assert.Equal([RevisionKinds.Submitted, RevisionKinds.Edited], (await RevisionsAsync(story.Id)).Select(r => r.Kind));
        Assert.Contains("detaned", (await RevisionsAsync(story.Id))[0].Snapshot, StringComparison.Ordinal);
        using var reader = app.CreateClient();
        Assert.Equal("Three teachers were detained.", (await reader.GetDocumentAsync("/stories/" + story.Slug)).QuerySelector(".update-body p")!.TextContent);
    }

    [Fact]
    public async Task A_rejected_submissions_story_stays_off_the_site_whatever_the_story_editor_is_sent()
    {
        using var visitor = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var sent = await Submissions.SubmissionClient.SubmitAsync(visitor, new Submissions.SubmitForm(Title: "Claims nobody could check", Country: "KH")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var submission = await app.QueryAsync(db => db.Submissions.AsNoTracking().SingleAsync());
        using (var rejected = await Submissions.SubmissionClient.ReviewPostAsync(editor, submission.Id, "Reject", "No sources could be verified."))
        {
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        }

        var url = $"/editor/stories/{submission.StoryId}";
        var form = await editor.GetDocumentAsync(url);
        Assert.Null(form.QuerySelector("form[action*='handler=Publish']"));
        Assert.Contains("was rejected", form.QuerySelector("#reviewed-elsewhere")!.TextContent, StringComparison.Ordinal);

        // Sent anyway, with a good antiforgery token: publishing, unpublishing (to a draft) and archiving all leave it as it is.
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var handler in new[] { "Publish", "Unpublish", "Archive" })
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            using var response = await editor.PostAsync($"{url}?handler={handler}", content);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var story = await StoryAsync(submission.StoryId);
        Assert.Equal((StoryState.Rejected, null), (story.State, story.PublishedBy));
        Assert.Contains("decided on its submission", (await editor.GetDocumentAsync(url)).QuerySelector(".editor-notice")?.TextContent ?? "", StringComparison.Ordinal);
        using var reader = app.CreateClient();
        using var page = await reader.GetAsync("/stories/" + story.Slug);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}
