using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Guestbook;
using PeoplesStories.Web.Submissions;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>The editor's dashboard: who is signed in, stories by state, and the most recently changed stories.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(StoriesDbContext db, UserManager<EditorUser> users, GuestbookBook guestbook, SubmissionDesk submissions) : PageModel
{
    public const int RecentCount = 20;

    public string Email { get; private set; } = "";

    public string? DisplayName { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<(StoryState State, int Count)> StateCounts { get; private set; } = [];

    public IReadOnlyList<RecentStory> Recent { get; private set; } = [];

    public IReadOnlyList<RecentStory> Drafts { get; private set; } = [];

    public int PendingGuestbookEntries { get; private set; }

    public int PendingSubmissions { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        Email = user?.Email ?? User.Identity?.Name ?? "";
        DisplayName = user?.DisplayName;
        Roles = user is null ? [] : [.. await users.GetRolesAsync(user)];

        var counts = await db.Stories.AsNoTracking()
            .GroupBy(s => s.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        StateCounts = Enum.GetValues<StoryState>()
            .Select(state => (state, counts.FirstOrDefault(c => c.State == state)?.Count ?? 0))
            .ToList();

        Recent = await Listing(db.Stories.AsNoTracking()).ToListAsync(cancellationToken);
        Drafts = await Listing(db.Stories.AsNoTracking().Where(s => s.State == StoryState.Draft)).ToListAsync(cancellationToken);

        PendingGuestbookEntries = await guestbook.PendingCountAsync(cancellationToken);
        PendingSubmissions = await submissions.PendingCountAsync(cancellationToken);
    }

    private static IQueryable<RecentStory> Listing(IQueryable<Story> stories) =>
        stories.OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Id)
            .Take(RecentCount)
            .Select(s => new RecentStory(s.Id, s.Title, s.Slug, s.Section.Name, s.State, s.UpdatedAt));

    public sealed record RecentStory(int Id, string Title, string Slug, string Section, StoryState State, DateTime UpdatedAt);
}
