using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Sections;

[OutputCache(PolicyName = ReaderOutputCache.PolicyName)]
public sealed class ShowModel(StoryReader reader, StoriesDbContext db) : PageModel
{
    public SectionLink Section { get; private set; } = null!;

    public PagedList<StorySummary> Stories { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var section = await db.Sections.AsNoTracking()
            .Where(s => s.Slug == slug)
            .Select(s => new SectionLink(s.Slug, s.Name))
            .FirstOrDefaultAsync(cancellationToken);
        if (section is null)
        {
            return NotFound();
        }

        Section = section;
        Stories = await reader.ListAsync(new StoryFilter(SectionSlug: slug, Page: Math.Max(1, page)), cancellationToken);
        return page > Stories.PageCount ? NotFound() : Page();
    }
}
