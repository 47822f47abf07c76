using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Submissions;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>The review queue of Submit a Story: Pending first, with the submitter's name and contact (editors only).</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SubmissionsModel(SubmissionDesk desk) : PageModel
{
    public IReadOnlyList<SubmissionListing> Submissions { get; private set; } = [];

    public int PendingCount { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Submissions = await desk.QueueAsync(cancellationToken);
        PendingCount = await desk.PendingCountAsync(cancellationToken);
    }
}
