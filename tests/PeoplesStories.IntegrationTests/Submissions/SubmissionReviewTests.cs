using System.Net;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Submissions;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Submissions.SubmissionClient;

namespace PeoplesStories.IntegrationTests.Submissions;

/// <summary>Editors review submissions at /editor/submissions: the queue with contacts, Publish and Reject (with a reason), audited.</summary>
public sealed class SubmissionReviewTests : IDisposable
{
    private const string Writer = "writer@example.org";

    private readonly StoriesAppFactory app = NewApp();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_the_queue_and_the_review_page()
    {
        using var visitor = NewClient(app);
        await SubmitExpectingThanksAsync(visitor, new SubmitForm(Contact: "hidden@example.org"));
        foreach (var url in new[] { "/editor/submissions", "/editor/submissions/1" })
        {
            using var response = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/editor/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var (_, token) = await GetFormAsync(visitor, "/submit");
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var post = await visitor.PostAsync("/editor/submissions/1?handler=Publish", content);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(SubmissionState.Pending, Assert.Single(await SubmissionsAsync(app)).State);
    }

    [Fact]
    public async Task An_editor_sees_the_queue_with_contacts_and_publishing_puts_the_story_before_readers()
    {
        await CreateEditorAsync(app, Writer);
        using var visitor = NewClient(app);
        var code = await SubmitExpectingThanksAsync(visitor, new SubmitForm(
            Title: "Garment workers strike in Phnom Penh",
            Story: "Garment workers walked out over unpaid wages.\n\nThe union says 300 workers joined.",
            Country: "KH",
            Sources: "https://example.org/strike",
            Date: "Aug. 2023",
            Name: "Sokha",
            Contact: "sokha@example.org"));
        await SubmitExpectingThanksAsync(visitor, new SubmitForm(Title: "Older one, already decided"));
        var first = (await SubmissionsAsync(app)).First();

        using var editor = await SignedInClientAsync(app, Writer);
        var dashboard = await editor.GetDocumentAsync("/editor");
        Assert.Contains("2 submitted stories await review", dashboard.QuerySelector("#submissions-pending")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(dashboard.QuerySelector(".editor-nav a[href='/editor/submissions']"));

        var queue = await editor.GetDocumentAsync("/editor/submissions");
        var row = queue.QuerySelector($"#submission-{first.Id}")!;
        Assert.Contains("Garment workers strike in Phnom Penh", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(code, row.QuerySelector("code")!.TextContent);
        Assert.Equal("Sokha", row.QuerySelector(".submission-name")!.TextContent);
        Assert.Equal("sokha@example.org", row.QuerySelector(".submission-contact")!.TextContent);
        Assert.Equal($"/editor/submissions/{first.Id}", row.QuerySelector("a")!.GetAttribute("href"));

        var review = await editor.GetDocumentAsync($"/editor/submissions/{first.Id}");
        Assert.Equal(["Garment workers walked out over unpaid wages.", "The union says 300 workers joined."], review.Texts(".submission-story p"));
        Assert.Equal(["https://example.org/strike"], review.Texts(".submission-sources a"));
        var facts = review.QuerySelector(".submission-facts")!.TextContent;
        Assert.Contains("Aug. 2023", facts, StringComparison.Ordinal);
        Assert.Contains("Cambodia", facts, StringComparison.Ordinal);
        Assert.Contains("sokha@example.org", facts, StringComparison.Ordinal);

        using var published = await ReviewPostAsync(editor, first.Id, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var after = await editor.GetDocumentAsync($"/editor/submissions/{first.Id}");
        Assert.Equal("The story is published.", after.QuerySelector(".editor-notice")!.TextContent);
        Assert.Equal("Published", after.QuerySelector("#submission-state")!.TextContent);
        Assert.Null(after.QuerySelector("form[action*='handler=Publish']"));

        var stored = (await SubmissionsAsync(app)).First();
        Assert.Equal((SubmissionState.Published, Writer, StoryState.Published), (stored.State, stored.ReviewedBy, stored.Story.State));
        Assert.NotNull(stored.ReviewedAt);
        Assert.NotNull(stored.Story.PublishedAt);

        // Readers now find it: home, its page, its country, search and the API.
        var slug = stored.Story.Slug;
        var home = await visitor.GetDocumentAsync("/");
        Assert.Contains("Garment workers strike in Phnom Penh", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var story = await visitor.GetDocumentAsync("/stories/" + slug);
        Assert.Contains("The union says 300 workers joined.", story.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sokha", story.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var country = await visitor.GetDocumentAsync("/countries/kh");
        Assert.Contains("Garment workers strike in Phnom Penh", country.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var search = await visitor.GetDocumentAsync("/search?q=garment");
        Assert.Contains("Garment workers strike in Phnom Penh", search.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var api = await visitor.GetAsync("/api/stories/" + slug);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains("Garment workers strike in Phnom Penh", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Publishing again does nothing; the audit log has one row.
        using var again = await ReviewPostAsync(editor, first.Id, "Publish");
        var audit = (await AuditAsync(app)).Where(a => a.Action == SubmissionAuditActions.Publish).ToList();
        var entry = Assert.Single(audit);
        Assert.Equal((Writer, $"submission {first.Id} ({code})"), (entry.Actor, entry.Subject));
        Assert.DoesNotContain("sokha@example.org", entry.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_keeps_the_story_invisible_and_shows_the_reason_to_editors()
    {
        await CreateEditorAsync(app, Writer);
        using var visitor = NewClient(app);
        await SubmitExpectingThanksAsync(visitor, new SubmitForm(Title: "Unverifiable claims about Atlantis"));
        var submission = Assert.Single(await SubmissionsAsync(app));
        using var editor = await SignedInClientAsync(app, Writer);

        using var noReason = await ReviewPostAsync(editor, submission.Id, "Reject", "   ");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var refused = await ParseAsync(noReason);
        Assert.Equal("Give the reason for rejecting the story.", refused.QuerySelector("#reason-error")!.TextContent);
        Assert.Equal(SubmissionState.Pending, Assert.Single(await SubmissionsAsync(app)).State);

        using var rejected = await ReviewPostAsync(editor, submission.Id, "Reject", "No sources could be verified.");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var stored = Assert.Single(await SubmissionsAsync(app));
        Assert.Equal((SubmissionState.Rejected, StoryState.Rejected, "No sources could be verified.", Writer),
            (stored.State, stored.Story.State, stored.RejectionReason, stored.ReviewedBy));

        var page = await editor.GetDocumentAsync($"/editor/submissions/{submission.Id}");
        Assert.Equal("No sources could be verified.", page.QuerySelector("#rejection-reason")!.TextContent);
        Assert.Equal("Rejected", page.QuerySelector("#submission-state")!.TextContent);

        using var home = await visitor.GetAsync("/");
        Assert.DoesNotContain("Atlantis", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var storyPage = await visitor.GetAsync("/stories/" + stored.Story.Slug);
        Assert.Equal(HttpStatusCode.NotFound, storyPage.StatusCode);

        var audit = Assert.Single(await AuditAsync(app), a => a.Action == SubmissionAuditActions.Reject);
        Assert.Equal((Writer, "No sources could be verified."), (audit.Actor, audit.Detail));

        var dashboard = await editor.GetDocumentAsync("/editor");
        Assert.Contains("0 submitted stories await review", dashboard.QuerySelector("#submissions-pending")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_posts_without_an_antiforgery_token_are_refused_with_400()
    {
        await CreateEditorAsync(app, Writer);
        using var visitor = NewClient(app);
        await SubmitExpectingThanksAsync(visitor, new SubmitForm());
        using var editor = await SignedInClientAsync(app, Writer);
        foreach (var handler in new[] { "Publish", "Reject" })
        {
            using var content = new FormUrlEncodedContent([new("Reason", "spam")]);
            using var response = await editor.PostAsync($"/editor/submissions/1?handler={handler}", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(SubmissionState.Pending, Assert.Single(await SubmissionsAsync(app)).State);
    }
}
