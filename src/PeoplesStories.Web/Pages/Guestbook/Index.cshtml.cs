using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Web.Guestbook;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Guestbook;

/// <summary>
/// The guestbook: published entries newest first, 20 a page, and the sign form. A signature that
/// looks like spam (honeypot filled, posted too fast, repeated) is stored as Pending for an editor,
/// never dropped; the POST is rate limited per client.
/// </summary>
[EnableRateLimiting(GuestbookServices.RateLimitPolicy)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(GuestbookBook book, GuestbookFormClock formClock, CountryGazetteer gazetteer) : PageModel
{
    public const string Published = "published";
    public const string Review = "review";

    [BindProperty]
    public SignInput Input { get; set; } = new();

    /// <summary>When the form was served, protected (see <see cref="GuestbookFormClock"/>).</summary>
    [BindProperty]
    public string? FormTime { get; set; }

    public PagedList<GuestbookListing> Entries { get; private set; } = null!;

    /// <summary>Set after a signature: <see cref="Published"/> or <see cref="Review"/>.</summary>
    public string? Thanks { get; private set; }

    public IEnumerable<Country> Countries => gazetteer.Countries.OrderBy(c => c.Name, StringComparer.CurrentCulture);

    public async Task<IActionResult> OnGetAsync([FromQuery] int page = 1, [FromQuery] string? thanks = null, CancellationToken cancellationToken = default)
    {
        if (page < 1)
        {
            return RedirectPermanent("/guestbook");
        }

        Thanks = thanks is Published or Review ? thanks : null;
        Entries = await book.PublishedAsync(page, cancellationToken);
        if (page > 1 && Entries.Items.Count == 0)
        {
            return NotFound();
        }

        FormTime = formClock.Issue();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var message = GuestbookText.Clean(Input.Message ?? "");
        var name = (Input.Name ?? "").Trim();
        if (GuestbookText.CountLinks(message) > GuestbookText.MaxLinks)
        {
            ModelState.AddModelError("Input.Message", $"A message can hold at most {GuestbookText.MaxLinks} links.");
        }

        string? countryCode = null;
        if (!string.IsNullOrWhiteSpace(Input.Country))
        {
            countryCode = gazetteer.Find(Input.Country)?.Code;
            if (countryCode is null)
            {
                ModelState.AddModelError("Input.Country", "Choose a country from the list, or none.");
            }
        }

        if (!ModelState.IsValid)
        {
            // What the visitor typed stays in the form; the time they already spent counts.
            Entries = await book.PublishedAsync(1, cancellationToken);
            if (formClock.Elapsed(FormTime) is null)
            {
                FormTime = formClock.Issue();
            }

            return Page();
        }

        var entry = await book.SignAsync(
            new GuestbookSignature(name, countryCode, message, Input.Website, FormTime, HttpContext.Connection.RemoteIpAddress), cancellationToken);
        return Redirect($"/guestbook?thanks={(entry.State == Data.GuestbookState.Published ? Published : Review)}");
    }

    public sealed class SignInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(Data.GuestbookEntry.NameMaxLength, ErrorMessage = "Your name can be at most {1} characters long.")]
        [Display(Name = "Your name")]
        public string? Name { get; set; }

        [Display(Name = "Country (optional)")]
        public string? Country { get; set; }

        [Required(ErrorMessage = "Write a message.")]
        [StringLength(Data.GuestbookEntry.MessageMaxLength, ErrorMessage = "A message can be at most {1} characters long.")]
        [Display(Name = "Your message")]
        public string? Message { get; set; }

        /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
        [Display(Name = "Leave this field empty")]
        public string? Website { get; set; }
    }
}
