using System.Text;
using Ganss.Xss;
using Markdig;

namespace PeoplesStories.Web.Editor;

/// <summary>
/// The one way text becomes HTML for readers: Markdown rendered by Markdig with raw HTML off (it is
/// shown as text), then cleaned by HtmlSanitizer down to a small set of tags and http(s)/mailto
/// links, so nothing a writer types can run script. The result is meant to be computed once, when
/// the text is saved, and stored.
/// </summary>
public static class StoryMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Markdown to safe HTML.</summary>
    public static string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();

    /// <summary>
    /// Plain paragraphs (the archive's and the public forms' text) as HTML: each paragraph escaped
    /// and in a <c>p</c>, joined by a line break. The migration that filled the column for stories
    /// stored before it existed does the same in SQL, so the escaping stays this minimal.
    /// </summary>
    public static string FromParagraphs(IEnumerable<string> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var html = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            if (html.Length > 0)
            {
                html.Append('\n');
            }

            html.Append("<p>").Append(Escape(paragraph)).Append("</p>");
        }

        return html.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(
                ["p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "hr"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        });

        // Links in a story lead away from the site: no referrer, no ranking credit, no window access.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
