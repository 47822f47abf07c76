using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Editor.Stories;

namespace PeoplesStories.Web.Pages.Editor.Stories;

/// <summary>A story's revisions, newest first: who, when, why; compare any two, or restore one (as a new revision).</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class HistoryModel(StoryDesk desk) : PageModel
{
    public StoryEditing Story { get; private set; } = null!;

    public IReadOnlyList<RevisionListing> Revisions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var story = await desk.LoadAsync(id, cancellationToken);
        if (story is null)
        {
            return NotFound();
        }

        Story = story;
        Revisions = await desk.HistoryAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int number, CancellationToken cancellationToken)
    {
        Message = await desk.RestoreAsync(id, number, User.Identity?.Name ?? "unknown", cancellationToken) switch
        {
            SaveOutcome.Saved saved => $"Revision {number} is restored, as revision {saved.Revision}.",
            SaveOutcome.Conflict => "Someone saved the story at the same moment: look at the history and restore again if still needed.",
            _ => $"There is no revision {number}.",
        };
        return Redirect($"/editor/stories/{id}/history");
    }
}
