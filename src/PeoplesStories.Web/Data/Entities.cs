using PeoplesStories.Archive;

namespace PeoplesStories.Web.Data;

/// <summary>Where a story stands: only Published stories reach readers.</summary>
public enum StoryState
{
    Draft = 0,
    Pending = 1,
    Published = 2,
    Rejected = 3,
    Archived = 4,
}

public sealed class Section
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public List<Story> Stories { get; } = [];
}

public sealed class Story
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Byline { get; set; }

    /// <summary>Title and byline folded and hashed (see StoryMapping.StoryKey): how a re-issued story is recognised.</summary>
    public required string MatchKey { get; set; }

    public int SectionId { get; set; }

    public Section Section { get; set; } = null!;

    public StoryState State { get; set; }

    public string? SourceFile { get; set; }

    public int? SourceLine { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>The editor who last published the story (null for imported and never-published stories).</summary>
    public string? PublishedBy { get; set; }

    /// <summary>The latest dated update's start, kept in step with the updates so lists sort without a join.</summary>
    public DateOnly? LatestUpdateOn { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every save of the story.</summary>
    public long Version { get; set; }

    public List<StoryUpdate> Updates { get; } = [];

    public List<StoryCountry> Countries { get; } = [];

    public List<StoryRevision> Revisions { get; } = [];

    public void RefreshLatestUpdate() =>
        LatestUpdateOn = Updates.Where(u => u.DateValue is not null).Max(u => u.DateValue);
}

public sealed class StoryUpdate
{
    /// <summary>Paragraphs are single lines, so a blank line separates them without ambiguity.</summary>
    public const string ParagraphSeparator = "\n\n";

    public int Id { get; set; }

    public int StoryId { get; set; }

    public Story Story { get; set; } = null!;

    /// <summary>Place in the story, 0 first (page order: usually newest first).</summary>
    public int Position { get; set; }

    /// <summary>The first day the date covers; null when undated.</summary>
    public DateOnly? DateValue { get; set; }

    public DatePrecision? DatePrecision { get; set; }

    /// <summary>The date as written, e.g. "Aug. 2023"; null when inferred or undated.</summary>
    public string? DateText { get; set; }

    public bool DateInferred { get; set; }

    public string? Headline { get; set; }

    /// <summary>Paragraphs, text kept exactly, separated by <see cref="ParagraphSeparator"/>.</summary>
    public required string Body { get; set; }

    /// <summary>
    /// The body as safe HTML, rendered from Markdown once when an editor saves the update (see
    /// Editor.StoryMarkdown): readers are served this, never Markdown rendered on the fly. Null for
    /// an update that is plain paragraphs (an imported one): readers get each paragraph escaped in a
    /// <c>p</c> (<c>StoryMarkdown.FromParagraphs</c>), which needs no renderer; stored as well, that
    /// HTML was a sixth of what an import wrote.
    /// </summary>
    public string? BodyHtml { get; set; }

    /// <summary>Date and opening text folded: how the same update is recognised on re-import.</summary>
    public required string MatchKey { get; set; }

    public int? SourceLine { get; set; }

    public List<SourceLink> Links { get; } = [];

    public ArchiveDate? Date =>
        DateValue is { } value && DatePrecision is { } precision ? ArchiveDate.FromStart(value, precision) : null;

    public IReadOnlyList<string> Paragraphs =>
        Body.Length == 0 ? [] : Body.Split(ParagraphSeparator);
}

public sealed class SourceLink
{
    public int Id { get; set; }

    public int StoryUpdateId { get; set; }

    public StoryUpdate StoryUpdate { get; set; } = null!;

    public int Position { get; set; }

    public required string Url { get; set; }

    public required string Host { get; set; }

    public DateOnly? DateValue { get; set; }

    public DatePrecision? DatePrecision { get; set; }
}

public sealed class Country
{
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public required string Region { get; set; }

    public required string SubRegion { get; set; }
}

public sealed class StoryCountry
{
    public int StoryId { get; set; }

    public Story Story { get; set; } = null!;

    public required string CountryCode { get; set; }

    public Country Country { get; set; } = null!;

    /// <summary>How often the story's title and text name the country.</summary>
    public int Mentions { get; set; }

    public bool IsPrimary { get; set; }
}
