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

    public string UrlFor(int page)
    {
        var query = new Dictionary<string, string?>(Query ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        query.Remove("page");
        if (page > 1)
        {
            query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var present = query.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value);
        return present.Count == 0 ? Path : QueryHelpers.AddQueryString(Path, present);
    }

    public static PagerModel For<T>(string path, Reading.PagedList<T> list, IReadOnlyDictionary<string, string?>? query = null) =>
        new(path, list.Page, list.PageCount, query);
}
