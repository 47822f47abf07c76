using System.Text.Json;
using System.Text.Json.Serialization;
using PeoplesStories.Archive;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Editor.Stories;

/// <summary>
/// Everything an editor can change in a story, as one value: what a revision stores (as JSON), what
/// the edit form shows and posts, and what a restore puts back.
/// </summary>
public sealed record StorySnapshot(
    string Title,
    string Byline,
    string Section,
    IReadOnlyList<SnapshotCountry> Countries,
    IReadOnlyList<SnapshotUpdate> Updates)
{
    public static StorySnapshot Empty { get; } = new("", "", "", [], []);

    public string ToJson() => JsonSerializer.Serialize(this, SnapshotJson.Default.StorySnapshot);

    public static StorySnapshot FromJson(string json) =>
        JsonSerializer.Deserialize(json, SnapshotJson.Default.StorySnapshot) ?? throw new JsonException("A revision holds no story.");

    /// <summary>A stored story (its section, updates with links, and countries loaded).</summary>
    public static StorySnapshot FromStory(Story story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return new StorySnapshot(
            story.Title,
            story.Byline,
            story.Section.Name,
            Ordered(story.Countries.Select(c => (c.CountryCode, c.Mentions, c.IsPrimary))),
            [.. story.Updates.OrderBy(u => u.Position).Select(u => new SnapshotUpdate(
                u.Id,
                u.DateText,
                u.Date?.ToString(),
                u.DateInferred,
                u.Headline,
                u.Body,
                [.. u.Links.OrderBy(l => l.Position).Select(l => l.Url)]))]);
    }

    /// <summary>Primary first, then by mentions, then by code: the order readers see.</summary>
    private static List<SnapshotCountry> Ordered(IEnumerable<(string Code, int Mentions, bool IsPrimary)> countries) =>
        [.. countries.OrderByDescending(c => c.IsPrimary).ThenByDescending(c => c.Mentions).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new SnapshotCountry(c.Code, c.IsPrimary))];
}

/// <summary>A country tag: ISO alpha-2 code, and whether it is the story's primary country.</summary>
public sealed record SnapshotCountry(string Code, bool Primary);

/// <summary>
/// One dated update. <paramref name="Id"/> is the stored update's id (null for one not yet saved), so
/// two revisions can be compared update by update; <paramref name="Date"/> is the normalised date
/// (<c>2023-08</c>) at its precision, <paramref name="DateText"/> the date as written.
/// </summary>
public sealed record SnapshotUpdate(
    int? Id,
    string? DateText,
    string? Date,
    bool DateInferred,
    string? Headline,
    string Body,
    IReadOnlyList<string> Links)
{
    public ArchiveDate? ParsedDate => Date is null ? null : ArchiveDate.ParseIso(Date);

    /// <summary>The date as an editor reads and types it: as written, else as readers see it.</summary>
    public string DateLabel => DateText ?? ParsedDate?.ToDisplayString() ?? "";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StorySnapshot))]
internal sealed partial class SnapshotJson : JsonSerializerContext;
