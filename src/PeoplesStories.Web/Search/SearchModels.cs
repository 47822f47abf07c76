using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Search;

/// <summary>
/// A search: text as typed, optionally narrowed to a country (ISO alpha-2, any case) and to years
/// (inclusive, on the updates' dates). <see cref="StorySearch.SearchAsync"/> answers with the query
/// normalised: text clipped, country upper case or null, years valid and in order, page and size clamped.
/// </summary>
public sealed record SearchQuery(string? Text, string? CountryCode = null, int? FromYear = null, int? ToYear = null, int Page = 1, int PageSize = 10);

/// <summary>A found story; <see cref="TitleHtml"/> and <see cref="SnippetHtml"/> are HTML-encoded text whose only markup is <c>&lt;mark&gt;</c>.</summary>
public sealed record SearchHit(StorySummary Story, string TitleHtml, string SnippetHtml, double Rank);

/// <summary>
/// One page of hits, best first, and how many stories match in all; when <see cref="TotalIsExact"/> is
/// false, more than <see cref="Total"/> match (they are counted only as far as the pager reaches).
/// </summary>
public sealed record SearchResults(SearchQuery Query, IReadOnlyList<SearchHit> Hits, int Total, bool QueryWasEmpty, bool TotalIsExact = true)
{
    /// <summary>Pages of results; one more than the count covers when more stories match.</summary>
    public int PageCount => Math.Max(1, ((Total + Query.PageSize - 1) / Query.PageSize) + (TotalIsExact ? 0 : 1));

    public bool HasFilters => Query.CountryCode is not null || Query.FromYear is not null || Query.ToYear is not null;
}
