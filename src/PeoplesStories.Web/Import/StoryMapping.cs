using System.Security.Cryptography;
using System.Text;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Archive.Text;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Import;

/// <summary>The one place that converts between archive records and stored entities.</summary>
public static class StoryMapping
{
    public static StoryUpdate ToEntity(ArchiveUpdate update, int position)
    {
        ArgumentNullException.ThrowIfNull(update);
        var entity = new StoryUpdate
        {
            Position = position,
            DateValue = update.Date?.Start,
            DatePrecision = update.Date?.Precision,
            DateText = update.DateText,
            DateInferred = update.DateInferred,
            Headline = update.Headline,
            Body = string.Join(StoryUpdate.ParagraphSeparator, update.Paragraphs),
            MatchKey = UpdateKey(update),
            SourceLine = update.Line,
        };
        var linkPosition = 0;
        foreach (var link in update.Links)
        {
            entity.Links.Add(new SourceLink
            {
                Position = linkPosition++,
                Url = link.Url,
                Host = link.Host,
                DateValue = link.Date?.Start,
                DatePrecision = link.Date?.Precision,
            });
        }

        return entity;
    }

    public static ArchiveUpdate ToArchiveUpdate(StoryUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new ArchiveUpdate(
            update.SourceLine ?? 0,
            update.Date,
            update.DateText,
            update.DateInferred,
            update.Headline,
            update.Paragraphs,
            [.. update.Links.OrderBy(l => l.Position).Select(l => new ArchiveLink(
                l.Url,
                l.Host,
                l.DateValue is { } value && l.DatePrecision is { } precision ? ArchiveDate.FromStart(value, precision) : null,
                0))]);
    }

    public static ArchiveStory ToArchiveStory(Story story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return new ArchiveStory(
            story.SourceFile ?? "",
            story.SourceLine ?? 0,
            story.Title,
            story.Byline,
            story.Section.Name,
            [.. story.Updates.OrderBy(u => u.Position).Select(ToArchiveUpdate)],
            [.. story.Countries
                .OrderByDescending(c => c.IsPrimary).ThenByDescending(c => c.Mentions).ThenBy(c => c.CountryCode, StringComparer.Ordinal)
                .Select(c => new CountryTag(c.CountryCode, c.Mentions, c.IsPrimary, ""))]);
    }

    /// <summary>
    /// Title and byline folded (whitespace, quotes, accents, case) and hashed: how a re-issued story
    /// is recognised. A short fixed-length key keeps its index small however long titles get.
    /// </summary>
    public static string StoryKey(string title, string byline)
    {
        var folded = TextFolding.Key(title) + "\n" + TextFolding.Key(byline);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(folded), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>Date and opening words, folded: the same update read again gets the same key.</summary>
    public static string UpdateKey(ArchiveUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var opening = update.Headline
            ?? (update.Paragraphs.Count > 0 ? update.Paragraphs[0] : null)
            ?? (update.Links.Count > 0 ? update.Links[0].Url : "");
        var folded = TextFolding.Key(opening.Length > 300 ? opening[..300] : opening);
        return string.Concat(update.Date?.ToString() ?? "undated", "|", folded.AsSpan(0, Math.Min(folded.Length, 200)));
    }
}
