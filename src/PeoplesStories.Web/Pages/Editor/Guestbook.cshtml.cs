using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Guestbook;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>
/// Guestbook moderation: Pending entries first, filters by state, and approve, hide, mark as spam,
/// delete (soft) and restore, each a POST with its antiforgery token, audited.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class GuestbookModel(GuestbookBook book) : PageModel
{
    public PagedList<GuestbookListing> Entries { get; private set; } = null!;

    /// <summary>The state shown, or null for every state.</summary>
    public GuestbookState? State { get; private set; }

    public int PendingCount { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? state, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        if (!TryParseState(state, out var filter) || page < 1)
        {
            return Redirect("/editor/guestbook");
        }

        State = filter;
        Entries = await book.ForModerationAsync(filter, page, cancellationToken);
        PendingCount = await book.PendingCountAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, GuestbookAction act, [FromQuery] string? state, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var done = await book.ModerateAsync(id, act, User.Identity?.Name ?? "unknown", cancellationToken);
        Message = done ? $"Entry {id}: {Describe(act)}." : $"There is no entry {id}.";
        return Redirect(UrlFor(TryParseState(state, out var filter) ? filter : null, Math.Max(1, page)));
    }

    public static string UrlFor(GuestbookState? state, int page = 1)
    {
        var query = new List<string>();
        if (state is { } s)
        {
            query.Add("state=" + s.ToString().ToLowerInvariant());
        }

        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? "/editor/guestbook" : "/editor/guestbook?" + string.Join('&', query);
    }

    /// <summary>The actions that make sense for an entry in the given state.</summary>
    public static IEnumerable<GuestbookAction> ActionsFor(GuestbookState state) => state switch
    {
        GuestbookState.Pending => [GuestbookAction.Approve, GuestbookAction.Hide, GuestbookAction.Spam, GuestbookAction.Delete],
        GuestbookState.Published => [GuestbookAction.Hide, GuestbookAction.Spam, GuestbookAction.Delete],
        GuestbookState.Hidden or GuestbookState.Spam => [GuestbookAction.Approve, GuestbookAction.Delete],
        GuestbookState.Deleted => [GuestbookAction.Restore],
        _ => [],
    };

    public static string Label(GuestbookAction action) => action switch
    {
        GuestbookAction.Approve => "Approve",
        GuestbookAction.Hide => "Hide",
        GuestbookAction.Spam => "Mark as spam",
        GuestbookAction.Delete => "Delete",
        GuestbookAction.Restore => "Restore",
        _ => action.ToString(),
    };

    private static string Describe(GuestbookAction action) => action switch
    {
        GuestbookAction.Approve => "approved and published",
        GuestbookAction.Hide => "hidden",
        GuestbookAction.Spam => "marked as spam",
        GuestbookAction.Delete => "deleted (it can be restored)",
        GuestbookAction.Restore => "restored and published",
        _ => action.ToString(),
    };

    private static bool TryParseState(string? text, out GuestbookState? state)
    {
        state = null;
        if (string.IsNullOrEmpty(text) || text == "all")
        {
            return true;
        }

        if (Enum.TryParse<GuestbookState>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _))
        {
            state = parsed;
            return true;
        }

        return false;
    }
}
