using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Pages;

public sealed class IndexModel(StoriesDbContext db) : PageModel
{
    public const int PageSize = 10;

    public IReadOnlyList<StorySummary> Stories { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(int page = 1, CancellationToken cancellationToken = default)
    {
        PageNumber = Math.Max(1, page);
        var rows = await db.Stories
            .AsNoTracking()
            .Where(s => s.State == StoryState.Published)
            .OrderByDescending(s => s.LatestUpdateOn).ThenByDescending(s => s.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(s => new StorySummary(
                s.Slug,
                s.Title,
                s.Byline,
                s.Countries.OrderByDescending(c => c.IsPrimary).ThenByDescending(c => c.Mentions).Select(c => new CountryLink(c.CountryCode, c.Country.Name)).ToList(),
                s.Updates.OrderByDescending(u => u.DateValue).ThenBy(u => u.Position).Select(u => new UpdateOpening(u.DateValue, u.DatePrecision, u.DateText, u.DateInferred, u.Headline, u.Body)).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Stories = rows.Take(PageSize).ToList();
    }
}
