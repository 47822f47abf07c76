using System.Net;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Guestbook;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Guestbook.GuestbookClient;

namespace PeoplesStories.IntegrationTests.Guestbook;

/// <summary>Editors moderate the guestbook at /editor/guestbook: each action a form post, each changing the public page, each audited.</summary>
public sealed class GuestbookModerationTests : IDisposable
{
    private const string Writer = "writer@example.org";

    private readonly StoriesAppFactory app = NewApp();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var anonymous = NewClient(app);
        using var page = await anonymous.GetAsync("/editor/guestbook");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/editor/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var (_, token) = await GetFormAsync(anonymous, "/guestbook");
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("id", "1"), new("act", "Approve")]);
        using var post = await anonymous.PostAsync("/editor/guestbook", content);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/editor/sign-in", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_hide_spam_delete_and_restore_each_change_the_public_page_and_are_audited()
    {
        await CreateEditorAsync(app, Writer);
        using var visitor = NewClient(app);
        await SignExpectingAsync(visitor, "published", "Ana", "Published at once");
        await SignExpectingAsync(visitor, "review", "Bot", "Held by the trap", website: "filled");
        var held = (await EntriesAsync(app)).Single(e => e.State == GuestbookState.Pending);

        using var editor = await SignedInClientAsync(app, Writer);
        var dashboard = await editor.GetDocumentAsync("/editor");
        Assert.Contains("1 guestbook entry awaits review", dashboard.QuerySelector("#guestbook-pending")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(dashboard.QuerySelector(".editor-nav a[href='/editor/guestbook']"));

        // Pending first, with its reason.
        var list = await editor.GetDocumentAsync("/editor/guestbook");
        var items = list.QuerySelectorAll(".guestbook-moderation-entry").ToList();
        Assert.Equal([$"entry-{held.Id}", $"entry-{held.Id - 1}"], items.Select(i => i.Id));
        Assert.Contains("honeypot field filled", items[0].QuerySelector(".guestbook-reason")!.TextContent, StringComparison.Ordinal);
        var pendingOnly = await editor.GetDocumentAsync("/editor/guestbook?state=pending");
        Assert.Single(pendingOnly.QuerySelectorAll(".guestbook-moderation-entry"));

        await ModerateAsync(editor, held.Id, GuestbookAction.Approve);
        Assert.Equal(["Held by the trap", "Published at once"], await PublicMessagesAsync(visitor));
        var notice = await editor.GetDocumentAsync("/editor/guestbook");
        Assert.Contains($"Entry {held.Id}: approved", notice.QuerySelector(".editor-notice")!.TextContent, StringComparison.Ordinal);

        await ModerateAsync(editor, held.Id, GuestbookAction.Hide);
        Assert.Equal(["Published at once"], await PublicMessagesAsync(visitor));

        await ModerateAsync(editor, held.Id, GuestbookAction.Approve);
        await ModerateAsync(editor, held.Id, GuestbookAction.Spam);
        Assert.Equal(["Published at once"], await PublicMessagesAsync(visitor));

        await ModerateAsync(editor, held.Id - 1, GuestbookAction.Delete);
        Assert.Empty(await PublicMessagesAsync(visitor));
        var deleted = await editor.GetDocumentAsync("/editor/guestbook?state=deleted");
        Assert.Equal($"entry-{held.Id - 1}", Assert.Single(deleted.QuerySelectorAll(".guestbook-moderation-entry")).Id);

        await ModerateAsync(editor, held.Id - 1, GuestbookAction.Restore);
        Assert.Equal(["Published at once"], await PublicMessagesAsync(visitor));

        var stored = (await EntriesAsync(app)).Single(e => e.Id == held.Id);
        Assert.Equal((GuestbookState.Spam, Writer), (stored.State, stored.ModeratedBy));
        Assert.NotNull(stored.ModeratedAt);

        var audit = (await AuditAsync(app)).Where(a => a.Action.StartsWith("guestbook-", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [GuestbookAuditActions.Approved, GuestbookAuditActions.Hidden, GuestbookAuditActions.Approved, GuestbookAuditActions.Spam, GuestbookAuditActions.Deleted, GuestbookAuditActions.Restored],
            audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Writer, a.Actor));
        Assert.Equal($"guestbook entry {held.Id}", audit[0].Subject);
        Assert.Equal("Pending -> Published: Bot", audit[0].Detail);
    }

    [Fact]
    public async Task A_moderation_post_without_its_antiforgery_token_is_refused()
    {
        await CreateEditorAsync(app, Writer);
        using var visitor = NewClient(app);
        await SignExpectingAsync(visitor, "published", "Ana", "Stays published");
        using var editor = await SignedInClientAsync(app, Writer);
        using var content = new FormUrlEncodedContent([new("id", "1"), new("act", "Delete")]);
        using var response = await editor.PostAsync("/editor/guestbook", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Stays published"], await PublicMessagesAsync(visitor));
    }

    private static async Task ModerateAsync(HttpClient editor, long id, GuestbookAction action)
    {
        using var response = await PostFormAsync(editor, "/editor/guestbook", "/editor/guestbook",
            [new("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("act", action.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/editor/guestbook", response.Headers.Location?.OriginalString);
    }
}
