using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Submissions;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>One submission as it was sent, with Publish and Reject (a reason required), each a POST with its antiforgery token, audited.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SubmissionModel(SubmissionDesk desk) : PageModel
{
    public SubmissionReview Review { get; private set; } = null!;

    [BindProperty]
    [Required(ErrorMessage = "Give the reason for rejecting the story.")]
    [StringLength(Submission.ReasonMaxLength, ErrorMessage = "A reason can be at most {1} characters long.")]
    [Display(Name = "Reason for rejecting (editors only)")]
    public string? Reason { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var review = await desk.ReviewAsync(id, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }

        Review = review;
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        var done = await desk.PublishAsync(id, Actor, cancellationToken);
        Message = done ? "The story is published." : "Only a pending submission can be published.";
        return Redirect($"/editor/submissions/{id}");
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, CancellationToken cancellationToken)
    {
        var reason = Reason?.Trim();
        if (!ModelState.IsValid || string.IsNullOrEmpty(reason))
        {
            if (!ModelState.ContainsKey(nameof(Reason)) || ModelState[nameof(Reason)]!.Errors.Count == 0)
            {
                ModelState.AddModelError(nameof(Reason), "Give the reason for rejecting the story.");
            }

            return await OnGetAsync(id, cancellationToken);
        }

        var done = await desk.RejectAsync(id, reason, Actor, cancellationToken);
        Message = done ? "The story is rejected." : "Only a pending submission can be rejected.";
        return Redirect($"/editor/submissions/{id}");
    }

    private string Actor => User.Identity?.Name ?? "unknown";
}
