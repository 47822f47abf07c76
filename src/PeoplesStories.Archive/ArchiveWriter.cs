using System.Text;

namespace PeoplesStories.Archive;

/// <summary>
/// Writes stories back into the archive text format, one page per section, so that reading the
/// page again gives the same stories (titles, bylines, updates, dates, headlines, paragraphs, links).
/// </summary>
public static class ArchiveWriter
{
    /// <summary>The paragraph separator the original site used: a line holding one U+00A0.</summary>
    private const string Filler = "\u00A0";

    /// <summary>The footer that closes every page.</summary>
    public const string Footer = "Submit a Story Search by keyword and country Guestbook";

    /// <summary>Writes one page holding <paramref name="stories"/> under the header of <paramref name="section"/>.</summary>
    public static void WritePage(TextWriter writer, string section, IEnumerable<ArchiveStory> stories)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(stories);

        writer.Write("People's Stories ");
        writer.Write(section);
        writer.Write('\n');
        writer.Write('\n');
        foreach (var story in stories)
        {
            WriteStory(writer, story);
        }

        writer.Write(Footer);
        writer.Write('\n');
    }

    /// <summary>Writes one page to a string.</summary>
    public static string WritePage(string section, IEnumerable<ArchiveStory> stories)
    {
        var builder = new StringBuilder();
        using var writer = new StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture);
        WritePage(writer, section, stories);
        return builder.ToString();
    }

    private static void WriteStory(TextWriter writer, ArchiveStory story)
    {
        Line(writer, story.Title);
        Line(writer, "by " + story.Byline);
        Line(writer, Filler);
        foreach (var update in story.Updates)
        {
            // An inferred date is not written: reading the page infers it again from the same link.
            if (update.Date is { } date && !update.DateInferred)
            {
                Line(writer, update.DateText ?? date.ToDisplayString());
                Line(writer, Filler);
            }

            if (update.Headline is not null)
            {
                Line(writer, update.Headline);
                Line(writer, Filler);
            }

            foreach (var paragraph in update.Paragraphs)
            {
                Line(writer, paragraph);
                Line(writer, Filler);
            }

            if (update.Links.Count > 0)
            {
                Line(writer, string.Join(' ', update.Links.Select(l => l.Url)));
                Line(writer, Filler);
            }
        }

        Line(writer, "");
        Line(writer, "");
    }

    private static void Line(TextWriter writer, string text)
    {
        writer.Write(text);
        writer.Write('\n');
    }
}
