using PeoplesStories.Archive;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Reading;

/// <summary>A country tag as readers see it: ISO code, name, and whether it is the story's primary country.</summary>
public sealed record CountryLink(string Code, string Name, bool IsPrimary = false)
{
    /// <summary>The country page: <c>/countries/kh</c>.</summary>
    public string Url => "/countries/" + Code.ToLowerInvariant();
}

/// <summary>A story's country tags as a list of links (a story with none has no list), written without a partial view: list items and search hits carry one each.</summary>
public static class CountryTags
{
    public static Microsoft.AspNetCore.Html.IHtmlContent Html(IReadOnlyList<CountryLink> countries)
    {
        ArgumentNullException.ThrowIfNull(countries);
        return countries.Count == 0 ? Microsoft.AspNetCore.Html.HtmlString.Empty : new TagList(countries);
    }

    /// <summary>The list, written to the page with the page's encoder as it goes rather than built as a string first.</summary>
    private sealed class TagList(IReadOnlyList<CountryLink> countries) : Microsoft.AspNetCore.Html.IHtmlContent
    {
        public void WriteTo(TextWriter writer, System.Text.Encodings.Web.HtmlEncoder encoder)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(encoder);
            writer.Write("<ul class=\"tags\" aria-label=\"Countries\">");
            foreach (var country in countries)
            {
                writer.Write("<li><a href=\"");
                encoder.Encode(writer, country.Url);
                writer.Write("\">");
                encoder.Encode(writer, country.Name);
                writer.Write("</a></li>");
            }

            writer.Write("</ul>");
        }
    }
}

/// <summary>A section as readers see it.</summary>
public sealed record SectionLink(string Slug, string Name)
{
    public string Url => "/sections/" + Slug;
}

/// <summary>A dated value as stored: the first day it covers, its precision, the text as written, and whether it was inferred.</summary>
public sealed record DateInfo(DateOnly? Value, DatePrecision? Precision, string? Text, bool Inferred)
{
    public ArchiveDate? Date => Value is { } v && Precision is { } p ? ArchiveDate.FromStart(v, p) : null;

    /// <summary>"June 2025" as written; an inferred date as "c. 13 June 2025"; no date as "Undated".</summary>
    public string Label => Date is not { } date ? "Undated" : Inferred ? $"c. {date.ToDisplayString()}" : Text ?? date.ToDisplayString();

    /// <summary>The normalised form (<c>2025-06</c>), or null when undated.</summary>
    public string? Iso => Date?.ToString();
}

/// <summary>A story in a list: title, byline, countries, and its latest update's date and opening.</summary>
public sealed record StorySummary(
    int Id,
    string Slug,
    string Title,
    string Byline,
    SectionLink Section,
    IReadOnlyList<CountryLink> Countries,
    DateInfo LatestDate,
    [property: System.Text.Json.Serialization.JsonIgnore] string? LatestText,
    DateTime UpdatedAt)
{
    public string Url => "/stories/" + Slug;

    /// <summary>The opening of the latest update: its headline, else its first paragraph, shortened.</summary>
    public string? Opening => LatestText is null ? null : ReadText.Opening(null, LatestText);
}

/// <summary>A whole story, as its page shows it.</summary>
public sealed record StoryDetail(
    int Id,
    string Slug,
    string Title,
    string Byline,
    SectionLink Section,
    IReadOnlyList<CountryLink> Countries,
    IReadOnlyList<UpdateDetail> Updates,
    DateTime UpdatedAt,
    DateTime? PublishedAt,
    long Version)
{
    public string Url => "/stories/" + Slug;

    public CountryLink? PrimaryCountry => Countries.FirstOrDefault(c => c.IsPrimary);
}

/// <summary>One update of a story, with the anchor its heading carries.</summary>
/// <summary>An update of a story page. <paramref name="Html"/> is the body as stored safe HTML (rendered and sanitised when saved).</summary>
public sealed record UpdateDetail(int Id, DateInfo Date, string? Headline, IReadOnlyList<string> Paragraphs, string Html, IReadOnlyList<SourceLinkView> Links, string Anchor);

public sealed record SourceLinkView(string Url, string Host)
{
    /// <summary>
    /// What tells this link apart from others to the same host: the last words of its path
    /// ("nearly-7-million-people-attend"), shortened; empty for a bare host.
    /// </summary>
    public string PathHint
    {
        get
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri))
            {
                return "";
            }

            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var last = segments.Length == 0 ? "" : Uri.UnescapeDataString(segments[^1]);
            var dot = last.LastIndexOf('.');
            if (dot > 0 && last.Length - dot <= 5)
            {
                last = last[..dot];
            }

            last = last.Replace('-', ' ').Replace('_', ' ');
            return last.Length <= 48 ? last : string.Concat(last.AsSpan(0, 47), "…");
        }
    }
}

/// <summary>An update in a list across stories (country timeline, month archive, feeds).</summary>
public sealed record UpdateEntry(
    int UpdateId,
    string StorySlug,
    string StoryTitle,
    string Byline,
    DateInfo Date,
    string? Headline,
    string? Opening,
    string Anchor,
    DateTime StoryUpdatedAt)
{
    public string Url => $"/stories/{StorySlug}#{Anchor}";
}

/// <summary>One page of a list, with what a pager needs.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}

/// <summary>Texts shared by the read models.</summary>
public static class ReadText
{
    public const int OpeningLength = 280;

    /// <summary>The headline, else the first paragraph, cut at a word near <see cref="OpeningLength"/>.</summary>
    public static string? Opening(string? headline, string body)
    {
        var text = headline ?? body.Split(StoryUpdate.ParagraphSeparator, 2)[0];
        if (text.Length <= OpeningLength)
        {
            return text.Length == 0 ? null : text;
        }

        var cut = text.LastIndexOf(' ', OpeningLength);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : OpeningLength), "…");
    }

    /// <summary>The anchor of an update: <c>update-2025-06</c>, or <c>update-undated</c>; the story page adds <c>-2</c>… to repeats.</summary>
    public static string BaseAnchor(DateInfo date) => date.Iso is { } iso ? "update-" + iso : "update-undated";

    /// <summary>Anchors for a story's updates in order, unique within the story.</summary>
    public static IReadOnlyList<string> Anchors(IEnumerable<DateInfo> dates)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var anchors = new List<string>();
        foreach (var date in dates)
        {
            var anchor = BaseAnchor(date);
            for (var n = 2; !used.Add(anchor); n++)
            {
                anchor = $"{BaseAnchor(date)}-{n}";
            }

            anchors.Add(anchor);
        }

        return anchors;
    }
}
