using System.Globalization;
using System.Text.Json.Serialization;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Api;

// The API's JSON, field by field. Every name is written out so that renaming a read model, or a
// change to the app's JSON options, cannot change what API clients receive.

/// <summary>One page of stories, most recently updated first.</summary>
public sealed record StoryListResponse(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("stories")] IReadOnlyList<StoryListItem> Stories)
{
    public static StoryListResponse From(PagedList<StorySummary> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new StoryListResponse(list.Page, list.PageSize, list.TotalCount, [.. list.Items.Select(StoryListItem.From)]);
    }
}

/// <summary>A story in a list: its latest update's date and opening.</summary>
public sealed record StoryListItem(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("byline")] string Byline,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("section")] SectionRef Section,
    [property: JsonPropertyName("countries")] IReadOnlyList<CountryRef> Countries,
    [property: JsonPropertyName("latestDate")] string? LatestDate,
    [property: JsonPropertyName("latestDateLabel")] string LatestDateLabel,
    [property: JsonPropertyName("opening")] string? Opening)
{
    public static StoryListItem From(StorySummary story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return new StoryListItem(
            story.Slug,
            story.Title,
            story.Byline,
            story.Url,
            SectionRef.From(story.Section),
            [.. story.Countries.Select(CountryRef.From)],
            story.LatestDate.Iso,
            story.LatestDate.Label,
            story.Opening);
    }
}

/// <summary>A whole story with every update, in page order.</summary>
public sealed record StoryDetailResponse(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("byline")] string Byline,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("section")] SectionRef Section,
    [property: JsonPropertyName("countries")] IReadOnlyList<CountryRef> Countries,
    [property: JsonPropertyName("updatedAt")] DateTime UpdatedAt,
    [property: JsonPropertyName("updates")] IReadOnlyList<UpdateItem> Updates)
{
    public static StoryDetailResponse From(StoryDetail story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return new StoryDetailResponse(
            story.Slug,
            story.Title,
            story.Byline,
            story.Url,
            SectionRef.From(story.Section),
            [.. story.Countries.Select(CountryRef.From)],
            DateTime.SpecifyKind(story.UpdatedAt, DateTimeKind.Utc),
            [.. story.Updates.Select(UpdateItem.From)]);
    }
}

/// <summary>One update: its anchor on the story page, its date as normalised and as written, its text and sources.</summary>
public sealed record UpdateItem(
    [property: JsonPropertyName("anchor")] string Anchor,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("dateText")] string? DateText,
    [property: JsonPropertyName("dateInferred")] bool DateInferred,
    [property: JsonPropertyName("headline")] string? Headline,
    [property: JsonPropertyName("paragraphs")] IReadOnlyList<string> Paragraphs,
    [property: JsonPropertyName("links")] IReadOnlyList<LinkRef> Links)
{
    public static UpdateItem From(UpdateDetail update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new UpdateItem(
            update.Anchor,
            update.Date.Iso,
            update.Date.Text,
            update.Date.Inferred,
            update.Headline,
            update.Paragraphs,
            [.. update.Links.Select(l => new LinkRef(l.Url, l.Host))]);
    }
}

public sealed record LinkRef(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("host")] string Host);

public sealed record SectionRef(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("name")] string Name)
{
    public static SectionRef From(SectionLink section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new SectionRef(section.Slug, section.Name);
    }
}

/// <summary>A country tag: ISO 3166-1 alpha-2 code (upper case), name, and whether it is the story's primary country.</summary>
public sealed record CountryRef(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("primary")] bool Primary)
{
    public static CountryRef From(CountryLink country)
    {
        ArgumentNullException.ThrowIfNull(country);
        return new CountryRef(country.Code, country.Name, country.IsPrimary);
    }
}

/// <summary>Countries that have published stories.</summary>
public sealed record CountryListResponse(
    [property: JsonPropertyName("countries")] IReadOnlyList<CountryItem> Countries)
{
    public static CountryListResponse From(IEnumerable<CountryStat> countries) => new([.. countries.Select(CountryItem.From)]);
}

public sealed record CountryItem(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("subRegion")] string SubRegion,
    [property: JsonPropertyName("stories")] int Stories,
    [property: JsonPropertyName("latestUpdate")] string? LatestUpdate,
    [property: JsonPropertyName("url")] string Url)
{
    public static CountryItem From(CountryStat country)
    {
        ArgumentNullException.ThrowIfNull(country);
        return new CountryItem(
            country.Code,
            country.Name,
            country.Region,
            country.SubRegion,
            country.Stories,
            country.LatestUpdateOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            country.Url);
    }
}
