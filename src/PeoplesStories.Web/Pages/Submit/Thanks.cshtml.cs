using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Submissions;

namespace PeoplesStories.Web.Pages.Submit;

/// <summary>The confirmation after a submission: the reference code, and nothing else of the submission.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ThanksModel(SubmissionDesk desk) : PageModel
{
    public string ReferenceCode { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "ref")] string? reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(reference) || reference.Length != Data.Submission.ReferenceCodeLength
            || !await desk.ReferenceExistsAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        ReferenceCode = reference;
        return Page();
    }
}
