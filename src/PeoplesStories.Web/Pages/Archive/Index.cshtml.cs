using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Archive;

[OutputCache(PolicyName = ReaderOutputCache.PolicyName)]
public sealed class IndexModel(StoryReader reader) : PageModel
{
    public const int UndatedShown = 50;

    public IReadOnlyList<IGrouping<int, ArchivePeriod>> Years { get; private set; } = [];

    public PagedList<UpdateEntry> Undated { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var index = await reader.ArchiveIndexAsync(cancellationToken);
        Years = index.Periods.GroupBy(p => p.Year).ToList();
        Undated = await reader.UpdatesAsync(undatedOnly: true, pageSize: UndatedShown, cancellationToken: cancellationToken);
    }
}
