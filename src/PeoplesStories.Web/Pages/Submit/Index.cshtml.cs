using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Web.Guestbook;
using PeoplesStories.Web.Submissions;

namespace PeoplesStories.Web.Pages.Submit;

/// <summary>
/// Submit a Story: the story enters the editors' queue as Pending; the submitter gets a reference
/// code. A suspect post (honeypot filled, too fast) is stored all the same, marked for the editors.
/// The POST is rate limited per client.
/// </summary>
[EnableRateLimiting(SubmissionServices.RateLimitPolicy)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed partial class IndexModel(SubmissionDesk desk, GuestbookFormClock formClock, CountryGazetteer gazetteer) : PageModel
{
    [BindProperty]
    public SubmitInput Input { get; set; } = new();

    /// <summary>When the form was served, protected (the guestbook's <see cref="GuestbookFormClock"/>).</summary>
    [BindProperty]
    public string? FormTime { get; set; }

    public IEnumerable<Country> Countries => gazetteer.Countries.OrderBy(c => c.Name, StringComparer.CurrentCulture);

    public void OnGet() => FormTime = formClock.Issue();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var title = Collapse(Input.Title ?? "");
        var paragraphs = Paragraphs(Input.Story ?? "");
        if ((Input.Story ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Length > SubmissionDesk.StoryMaxLength)
        {
            ModelState.AddModelError("Input.Story", "A story can be at most 20,000 characters long.");
        }

        string? countryCode = null;
        if (!string.IsNullOrWhiteSpace(Input.Country))
        {
            countryCode = gazetteer.Find(Input.Country.Trim())?.Code;
            if (countryCode is null)
            {
                ModelState.AddModelError("Input.Country", "Choose a country from the list, or none.");
            }
        }

        var links = new List<ArchiveLink>();
        var lines = (Input.Sources ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length > 2048 || !ArchiveLink.TryFromUrl(line, 0, out var link))
            {
                var shown = line.Length > 80 ? line[..80] + "…" : line;
                ModelState.AddModelError("Input.Sources", $"Line {(i + 1).ToString(CultureInfo.InvariantCulture)} is not a web address starting with http:// or https://: “{shown}”.");
                break;
            }

            links.Add(link);
        }

        if (links.Count > SubmissionDesk.MaxSources)
        {
            ModelState.AddModelError("Input.Sources", $"Give at most {SubmissionDesk.MaxSources} sources.");
        }

        ArchiveDate? date = null;
        var dateText = (Input.Date ?? "").Trim();
        if (dateText.Length > 0)
        {
            if (ArchiveDate.TryParse(dateText, out var parsed))
            {
                date = parsed;
            }
            else
            {
                ModelState.AddModelError("Input.Date", "We could not read this date. Write it like “15 March 2024”, “Aug. 2023” or “2024”.");
            }
        }

        if (!ModelState.IsValid)
        {
            // What the visitor typed stays in the form; the time they already spent counts.
            if (formClock.Elapsed(FormTime) is null)
            {
                FormTime = formClock.Issue();
            }

            return Page();
        }

        var name = Collapse(Input.Name ?? "");
        var contact = (Input.Contact ?? "").Trim();
        var submission = await desk.SubmitAsync(
            new StorySubmission(
                title, paragraphs, countryCode, links, date, date is null ? null : dateText,
                name.Length == 0 ? null : name, contact.Length == 0 ? null : contact,
                Input.Website, FormTime, HttpContext.Connection.RemoteIpAddress),
            cancellationToken);
        return Redirect("/submit/thanks?ref=" + submission.ReferenceCode);
    }

    /// <summary>Paragraphs are separated by blank lines; the lines of one paragraph are joined with a space.</summary>
    public static IReadOnlyList<string> Paragraphs(string text) =>
        [.. BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
            .Select(Collapse)
            .Where(p => p.Length > 0)];

    private static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public sealed class SubmitInput
    {
        [Required(ErrorMessage = "Enter a title.")]
        [StringLength(SubmissionDesk.TitleMaxLength, ErrorMessage = "A title can be at most 300 characters long.")]
        [Display(Name = "Title")]
        public string? Title { get; set; }

        /// <summary>Its length is checked with line breaks counted once (browsers send each as two characters).</summary>
        [Required(ErrorMessage = "Write the story.")]
        [Display(Name = "The story")]
        public string? Story { get; set; }

        [Display(Name = "Country (optional)")]
        public string? Country { get; set; }

        [StringLength(SubmissionDesk.SourcesMaxLength, ErrorMessage = "Sources can be at most {1} characters long.")]
        [Display(Name = "Sources (optional)")]
        public string? Sources { get; set; }

        [StringLength(SubmissionDesk.DateMaxLength, ErrorMessage = "A date can be at most {1} characters long.")]
        [Display(Name = "When it happened (optional)")]
        public string? Date { get; set; }

        [StringLength(Data.Submission.NameMaxLength, ErrorMessage = "Your name can be at most {1} characters long.")]
        [Display(Name = "Your name (optional)")]
        public string? Name { get; set; }

        [StringLength(Data.Submission.ContactMaxLength, ErrorMessage = "Contact details can be at most {1} characters long.")]
        [Display(Name = "How we can reach you (optional)")]
        public string? Contact { get; set; }

        /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
        [Display(Name = "Leave this field empty")]
        public string? Website { get; set; }
    }
}
