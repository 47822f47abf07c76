using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Pages.Countries;

[OutputCache(PolicyName = ReaderOutputCache.PolicyName)]
public sealed class IndexModel(StoryReader reader) : PageModel
{
    /// <summary>The regions in the order readers scan them; any other region follows.</summary>
    private static readonly string[] RegionOrder = ["Africa", "Americas", "Asia", "Europe", "Oceania", "Antarctica"];

    public IReadOnlyList<IGrouping<string, CountryStat>> Regions { get; private set; } = [];

    public int CountryCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var countries = await reader.CountriesAsync(cancellationToken);
        CountryCount = countries.Count;
        Regions = countries
            .GroupBy(c => c.Region)
            .OrderBy(g => Array.IndexOf(RegionOrder, g.Key) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
    }
}
