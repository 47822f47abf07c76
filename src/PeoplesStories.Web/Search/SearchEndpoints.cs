using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PeoplesStories.Web.Search;

/// <summary>The search as JSON: <c>GET /api/search?q=&amp;country=&amp;page=</c>.</summary>
public static class SearchEndpoints
{
    /// <summary>The contract's own options (camelCase, nulls written), whatever the app's defaults become.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapStorySearchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", SearchAsync)
            .WithName("SearchStories")
            .WithSummary("Searches published stories")
            .WithDescription(
                "Full text over titles, bylines, update headlines and paragraphs, best matches first, 10 a page. "
                + "Quotes make a phrase (\"human rights\"), a trailing * a prefix (journ*); every word must match. "
                + "country narrows to an ISO 3166-1 alpha-2 code (kh); page is 1-based (a page below 1 or not a number is a 400). "
                + "Snippets are HTML-encoded text with <mark> around matches.");
        return endpoints;
    }

    private static async Task<Results<JsonHttpResult<SearchResponse>, ValidationProblem>> SearchAsync(
        StorySearch search,
        string? q,
        string? country,
        int? page,
        CancellationToken cancellationToken)
    {
        // Like the rest of the API, a page that is not a number of 1 or more is the client's error (400);
        // any text at all is a query (an odd one finds nothing), and an unknown country narrows to nothing.
        if (page is < 1)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["page"] = ["The page must be 1 or more."] },
                title: "The page is not valid.");
        }

        // The contract's total is the full count (the pages count only as far as their pager reaches).
        var results = await search.SearchAsync(new SearchQuery(q, country, Page: page ?? 1), countAll: true, cancellationToken);
        var query = results.Query;
        var response = new SearchResponse(
            query.Text ?? "",
            query.CountryCode?.ToLowerInvariant(),
            query.Page,
            query.PageSize,
            results.Total,
            [.. results.Hits.Select(h => new SearchResultItem(
                h.Story.Slug,
                h.Story.Title,
                h.Story.Byline,
                h.Story.Url,
                h.Story.LatestDate.Iso,
                [.. h.Story.Countries.Select(c => c.Code)],
                h.SnippetHtml))]);
        return TypedResults.Json(response, Json);
    }
}

/// <summary>A page of search results as the API returns it.</summary>
/// <param name="Query">The text searched for, as read (trimmed, at most 500 characters).</param>
/// <param name="Country">The country searched in, lower case, or null for all.</param>
/// <param name="Total">How many stories match, every one counted.</param>
public sealed record SearchResponse(string Query, string? Country, int Page, int PageSize, int Total, IReadOnlyList<SearchResultItem> Results);

/// <summary>A found story.</summary>
/// <param name="LatestDate">The latest update's date: YYYY, YYYY-MM or YYYY-MM-DD, or null when undated.</param>
/// <param name="Countries">ISO alpha-2 codes, upper case, primary country first.</param>
/// <param name="Snippet">HTML-encoded text around the match, with &lt;mark&gt; around matched words.</param>
public sealed record SearchResultItem(string Slug, string Title, string Byline, string Url, string? LatestDate, IReadOnlyList<string> Countries, string Snippet);
