using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Web.Editor.Stories;

namespace PeoplesStories.Web.Pages.Editor.Stories;

/// <summary>Two revisions compared word by word (by default the last two): deleted words in del, inserted in ins.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class DiffModel(StoryDesk desk, CountryGazetteer gazetteer) : PageModel
{
    public StoryEditing Story { get; private set; } = null!;

    public int From { get; private set; }

    public int To { get; private set; }

    public IReadOnlyList<DiffGroup> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? from, int? to, CancellationToken cancellationToken)
    {
        var story = await desk.LoadAsync(id, cancellationToken);
        var revisions = await desk.HistoryAsync(id, cancellationToken);
        if (story is null || revisions.Count == 0)
        {
            return NotFound();
        }

        Story = story;
        To = to ?? revisions[0].Number;
        From = from ?? Math.Max(1, To - 1);
        var older = await desk.RevisionAsync(id, From, cancellationToken);
        var newer = await desk.RevisionAsync(id, To, cancellationToken);
        if (older is null || newer is null)
        {
            return NotFound();
        }

        Groups = StoryDiff.Compare(older, newer, gazetteer);
        return Page();
    }
}
