using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages;

[OutputCache(PolicyName = ReaderOutputCache.PolicyName)]
public sealed class IndexModel(StoryReader reader) : PageModel
{
    public PagedList<StorySummary> Stories { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        if (page < 1)
        {
            return RedirectPermanent("/");
        }

        Stories = await reader.ListAsync(new StoryFilter(Page: page), cancellationToken);
        return page > 1 && Stories.Items.Count == 0 ? NotFound() : Page();
    }
}
