using Microsoft.AspNetCore.WebUtilities;

namespace PeoplesStories.Web.Pages;

/// <summary>Links to the pages before and after: the first page has no ?page, the others ?page=N, other query values kept.</summary>
public sealed record PagerModel(string Path, int Page, int PageCount, IReadOnlyDictionary<string, string?>? Query = null)
{
    public string Label { get; init; } = "More stories";

    public string PreviousText { get; init; } = "Newer stories";

    public string NextText { get; init; } = "View previous stories";

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;

    public string PreviousUrl => UrlFor(Page - 1);

    public string NextUrl => UrlFor(Page + 1);

    public string UrlFor(int page) => Url(Path, Query, page);

    /// <summary>
    /// <paramref name="path"/> with the query values that have a value, in their order, then
    /// <c>page</c> when past the first (a value of that name among the others is left out).
    /// </summary>
    public static string Url(string path, IReadOnlyDictionary<string, string?>? query, int page)
    {
        var values = new List<KeyValuePair<string, string?>>((query?.Count ?? 0) + 1);
        foreach (var pair in query ?? EmptyQuery)
        {
            if (pair.Key != "page" && !string.IsNullOrEmpty(pair.Value))
            {
                values.Add(pair);
            }
        }

        if (page > 1)
        {
            values.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return values.Count == 0 ? path : QueryHelpers.AddQueryString(path, values);
    }

    private static readonly Dictionary<string, string?> EmptyQuery = [];

    public static PagerModel For<T>(string path, Reading.PagedList<T> list, IReadOnlyDictionary<string, string?>? query = null) =>
        new(path, list.Page, list.PageCount, query);
}
