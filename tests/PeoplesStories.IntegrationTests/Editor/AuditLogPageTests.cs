using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Editor;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>/editor/audit: administrators read the audit log, newest first, filtered by action and paged.</summary>
public sealed class AuditLogPageTests : IDisposable
{
    private const string Admin = "admin@example.org";
    private const string Writer = "writer@example.org";
    private const string Stranger = "nobody@example.org";

    private readonly StoriesAppFactory app = new(importSeeds: false);

    public void Dispose() => app.Dispose();

    private static List<(string DateTime, string Actor, string Action, string Subject, string Detail)> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.audit-table tbody tr")
            .Select(row => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList() is var cells
                ? (row.QuerySelector("time")!.GetAttribute("datetime")!, cells[1], cells[2], cells[3], cells[4])
                : default)
            .ToList();

    [Fact]
    public async Task An_admin_sees_real_actions_newest_first_and_filters_by_action()
    {
        await CreateEditorAsync(app, Admin, admin: true);
        using (var anonymous = NewClient(app))
        {
            using var refused = await SignInAsync(anonymous, Stranger, Password);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using var client = await SignedInClientAsync(app, Admin);
        var page = await client.GetDocumentAsync("/editor/audit");

        var rows = Rows(page);
        Assert.Equal([AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.EditorCreated], rows.Select(r => r.Action));
        Assert.Equal((Admin, Admin), (rows[0].Actor, rows[0].Subject));
        Assert.Equal((Stranger, "no account with this email"), (rows[1].Subject, rows[1].Detail));
        Assert.Equal("—", rows[1].Actor);
        Assert.Equal((AuditLog.CommandLineActor, Admin), (rows[2].Actor, rows[2].Subject));
        var times = rows.Select(r => DateTime.Parse(r.DateTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", r.DateTime));

        // The filter offers the actions present, "All actions" first and chosen.
        var options = page.QuerySelectorAll("select#audit-action option").ToList();
        Assert.Equal(["", AuditActions.EditorCreated, AuditActions.SignIn, AuditActions.SignInFailed], options.Select(o => o.GetAttribute("value")));
        Assert.True(options[0].HasAttribute("selected"));
        Assert.Equal("/editor/audit", page.QuerySelector("form.audit-filter")!.GetAttribute("action"));
        Assert.Equal("get", page.QuerySelector("form.audit-filter")!.GetAttribute("method"));
        Assert.Null(page.QuerySelector("nav.pager"));

        var filtered = await client.GetDocumentAsync("/editor/audit?action=sign-in-failed");
        var only = Rows(filtered);
        Assert.Equal(Stranger, Assert.Single(only).Subject);
        Assert.True(filtered.QuerySelector($"select#audit-action option[value='{AuditActions.SignInFailed}']")!.HasAttribute("selected"));

        var none = await client.GetDocumentAsync("/editor/audit?action=no-such-action");
        Assert.Empty(Rows(none));
        Assert.Contains("No entries here.", none.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Admins find the page in the editor navigation.
        var dashboard = await client.GetDocumentAsync("/editor");
        Assert.NotNull(dashboard.QuerySelector("nav.editor-nav a[href='/editor/audit']"));
    }

    [Fact]
    public async Task The_log_is_paged_by_50_and_the_pager_keeps_the_filter()
    {
        await CreateEditorAsync(app, Admin, admin: true);
        using var client = await SignedInClientAsync(app, Admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            for (var i = 1; i <= 60; i++)
            {
                await audit.WriteAsync(AuditActions.SignInFailed, null, $"stranger{i}@example.org", "no account with this email");
            }
        }

        // 62 entries in all: editor-created, sign-in, then the 60 failures.
        var first = await client.GetDocumentAsync("/editor/audit");
        var firstRows = Rows(first);
        Assert.Equal(AuditModelPageSize, firstRows.Count);
        Assert.Equal("stranger60@example.org", firstRows[0].Subject);
        Assert.Equal("stranger11@example.org", firstRows[^1].Subject);
        Assert.Equal("/editor/audit?page=2", first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("nav.pager a[rel=prev]"));

        var second = await client.GetDocumentAsync("/editor/audit?page=2");
        var secondRows = Rows(second);
        Assert.Equal(12, secondRows.Count);
        Assert.Equal("stranger10@example.org", secondRows[0].Subject);
        Assert.Equal([AuditActions.SignIn, AuditActions.EditorCreated], secondRows.TakeLast(2).Select(r => r.Action));
        Assert.Equal("/editor/audit", second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));

        var filtered = await client.GetDocumentAsync("/editor/audit?action=sign-in-failed");
        Assert.Equal(AuditModelPageSize, Rows(filtered).Count);
        Assert.Equal("/editor/audit?action=sign-in-failed&page=2", filtered.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));

        var filteredSecond = await client.GetDocumentAsync("/editor/audit?action=sign-in-failed&page=2");
        var rest = Rows(filteredSecond);
        Assert.Equal(10, rest.Count);
        Assert.All(rest, r => Assert.Equal(AuditActions.SignInFailed, r.Action));
        Assert.Equal("stranger1@example.org", rest[^1].Subject);
        Assert.Equal("/editor/audit?action=sign-in-failed", filteredSecond.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(filteredSecond.QuerySelector("nav.pager a[rel=next]"));

        // Beyond the last page: no rows, not an error; page 0 goes back to the first.
        Assert.Empty(Rows(await client.GetDocumentAsync("/editor/audit?page=9")));
        using var zero = await client.GetAsync("/editor/audit?page=0&action=sign-in");
        Assert.Equal(HttpStatusCode.Redirect, zero.StatusCode);
        Assert.Equal("/editor/audit?action=sign-in", zero.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_editor_who_is_not_an_admin_gets_403_and_no_link()
    {
        await CreateEditorAsync(app, Writer);
        using var client = await SignedInClientAsync(app, Writer);

        using var response = await client.GetAsync("/editor/audit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var dashboard = await client.GetDocumentAsync("/editor");
        Assert.Null(dashboard.QuerySelector("a[href='/editor/audit']"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var client = NewClient(app);
        using var response = await client.GetAsync("/editor/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/editor/sign-in", response.Headers.Location!.AbsolutePath);
    }

    private const int AuditModelPageSize = PeoplesStories.Web.Pages.Editor.AuditModel.PageSize;
}
