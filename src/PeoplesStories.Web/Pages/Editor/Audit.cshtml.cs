using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>Administrators read the audit log: newest first, 50 a page, filtered by action.</summary>
[Authorize(Policy = EditorPolicies.Admin)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class AuditModel(StoriesDbContext db) : PageModel
{
    public const int PageSize = 50;

    public PagedList<AuditEntry> Entries { get; private set; } = null!;

    /// <summary>Every action the log holds, for the filter.</summary>
    public IReadOnlyList<string> Actions { get; private set; } = [];

    /// <summary>The action shown, or null for every action.</summary>
    public string? Action { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? action, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        if (page < 1)
        {
            return Redirect(UrlFor(action));
        }

        Actions = await db.AuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        Action = string.IsNullOrEmpty(action) ? null : action;

        var query = db.AuditEntries.AsNoTracking();
        if (Action is { } only)
        {
            query = query.Where(e => e.Action == only);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        Entries = new PagedList<AuditEntry>(items, page, PageSize, total);
        return Page();
    }

    public static string UrlFor(string? action) =>
        string.IsNullOrEmpty(action) ? "/editor/audit" : "/editor/audit?action=" + Uri.EscapeDataString(action);
}
