using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeoplesStories.Archive;

/// <summary>
/// The JSON shape of stories that tools rely on (<c>import --dry-run --json</c>, <c>export --format json</c>).
/// Field names and order are a contract: change them only with every consumer.
/// </summary>
public static class ArchiveJson
{
    /// <summary>Options: camelCase names, nulls written, non-ASCII text kept readable.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>Converts a story to its JSON shape; <c>countries</c> sorted by code.</summary>
    public static StoryJson ToJson(ArchiveStory story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return new StoryJson(
            story.File,
            story.Line,
            story.Title,
            story.Byline,
            story.Section,
            [.. story.Countries.Select(c => c.Code).Order(StringComparer.Ordinal)],
            story.PrimaryCountry,
            [.. story.Updates.Select(u => new UpdateJson(
                u.Line,
                u.Date?.ToString(),
                u.DateText,
                u.DateInferred,
                u.Headline,
                u.Paragraphs,
                [.. u.Links.Select(l => new LinkJson(l.Url, l.Host, l.Date?.ToString()))]))]);
    }

    /// <summary>Converts a diagnostic to its JSON shape.</summary>
    public static DiagnosticJson ToJson(ArchiveDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return new DiagnosticJson(diagnostic.Line, diagnostic.Message);
    }
}

/// <summary>A story in the JSON shape.</summary>
public sealed record StoryJson(
    string? File,
    int? Line,
    string Title,
    string Byline,
    string Section,
    IReadOnlyList<string> Countries,
    string? PrimaryCountry,
    IReadOnlyList<UpdateJson> Updates);

/// <summary>An update in the JSON shape; <c>date</c> is <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c> or null.</summary>
public sealed record UpdateJson(
    int? Line,
    string? Date,
    string? DateText,
    bool DateInferred,
    string? Headline,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<LinkJson> Links);

/// <summary>A source link in the JSON shape.</summary>
public sealed record LinkJson(string Url, string Host, string? Date);

/// <summary>An error or warning in the JSON shape.</summary>
public sealed record DiagnosticJson(int Line, string Message);
