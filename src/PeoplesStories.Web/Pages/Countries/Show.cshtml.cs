using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Countries;

[OutputCache(PolicyName = ReaderOutputCache.PolicyName)]
public sealed class ShowModel(StoryReader reader, CountryGazetteer gazetteer) : PageModel
{
    public const int TimelineLength = 30;

    public Country Country { get; private set; } = null!;

    public PagedList<StorySummary> Stories { get; private set; } = null!;

    public PagedList<UpdateEntry> Timeline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        // /countries/kh is the page; /countries/KH and /countries/cambodia lead to it.
        var country = code.Length == 2 ? gazetteer.Find(code) : null;
        if (country is null)
        {
            return gazetteer.FindByName(code) is { } named ? RedirectPermanent("/countries/" + named.Code.ToLowerInvariant()) : NotFound();
        }

        var canonical = "/countries/" + country.Code.ToLowerInvariant();
        if (!string.Equals(code, country.Code.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return RedirectPermanent(canonical + Request.QueryString);
        }

        Country = country;
        Stories = await reader.ListAsync(new StoryFilter(CountryCode: country.Code, Page: Math.Max(1, page)), cancellationToken);
        if (page > Stories.PageCount)
        {
            return NotFound();
        }

        Timeline = await reader.UpdatesAsync(countryCode: country.Code, pageSize: TimelineLength, cancellationToken: cancellationToken);
        return Page();
    }
}
