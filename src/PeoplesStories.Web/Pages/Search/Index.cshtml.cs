using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Reading;
using PeoplesStories.Web.Search;

namespace PeoplesStories.Web.Pages.Search;

/// <summary>
/// <c>/search?q=&amp;country=&amp;from=&amp;to=&amp;page=</c>: the search form, and the results of a search.
/// Every value arrives as text and is checked here, so nothing typed into a URL is an error.
/// </summary>
[OutputCache(PolicyName = ReaderOutputCache.PolicyName)]
public sealed class SearchModel(StorySearch search, SiteNavigation navigation) : PageModel
{
    public const string Path = "/search";

    public SearchResults Results { get; private set; } = null!;

    /// <summary>Countries that have published stories, for the country list.</summary>
    public IReadOnlyList<CountryStat> Countries { get; private set; } = [];

    /// <summary>The country list's options, encoded once per change of content.</summary>
    public CountryOptions CountryOptions { get; private set; } = new([]);

    /// <summary>The country searched in, by name (the code when it has no stories).</summary>
    public string? CountryName { get; private set; }

    public SearchQuery Query => Results.Query;

    public PagerModel Pager => new(Path, Query.Page, Results.PageCount, QueryValues(Query.Text, Query.CountryCode, Query.FromYear, Query.ToYear))
    {
        Label = "More results",
        PreviousText = "Previous results",
        NextText = "More results",
    };

    /// <summary>The same search in every country.</summary>
    public string AllCountriesUrl => UrlFor(Query.Text, null, Query.FromYear, Query.ToYear);

    /// <summary>The same search over all years.</summary>
    public string AllYearsUrl => UrlFor(Query.Text, Query.CountryCode, null, null);

    /// <summary>The same words, no filter.</summary>
    public string EverythingUrl => UrlFor(Query.Text, null, null, null);

    /// <summary>"in Cambodia, from 2023 to 2025", or empty.</summary>
    public string FilterText
    {
        get
        {
            var parts = new List<string>();
            if (CountryName is not null)
            {
                parts.Add($"in {CountryName}");
            }

            parts.Add((Query.FromYear, Query.ToYear) switch
            {
                ({ } from, { } to) when from == to => $"in {from}",
                ({ } from, { } to) => $"from {from} to {to}",
                ({ } from, null) => $"from {from} on",
                (null, { } to) => $"up to {to}",
                _ => "",
            });
            return string.Join(", ", parts.Where(p => p.Length > 0));
        }
    }

    public async Task OnGetAsync(
        [FromQuery(Name = "q")] string? q,
        [FromQuery(Name = "country")] string? country,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "page")] string? page,
        CancellationToken cancellationToken)
    {
        var nav = await navigation.GetAsync(cancellationToken);
        Countries = nav.Countries;
        CountryOptions = nav.CountryOptions;
        Results = await search.SearchAsync(
            new SearchQuery(q, country, StorySearch.ParseYear(from), StorySearch.ParseYear(to), StorySearch.ParsePage(page)),
            ct: cancellationToken);
        if (Results.Query.CountryCode is { } code)
        {
            CountryName = Countries.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase))?.Name ?? code;
        }
    }

    /// <summary>A stable search URL: parameters in a fixed order, empty ones left out, the country in lower case.</summary>
    public static string UrlFor(string? text, string? countryCode, int? fromYear, int? toYear, int page = 1) =>
        PagerModel.Url(Path, QueryValues(text, countryCode, fromYear, toYear), page);

    private static Dictionary<string, string?> QueryValues(string? text, string? countryCode, int? fromYear, int? toYear) => new(StringComparer.Ordinal)
    {
        ["q"] = text,
        ["country"] = countryCode?.ToLowerInvariant(),
        ["from"] = fromYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = toYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
