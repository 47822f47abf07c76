using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace PeoplesStories.Web.Guestbook;

/// <summary>
/// A message is plain text: every character is HTML-encoded, line breaks are kept by the stylesheet
/// (white-space: pre-line), and http/https addresses become rel="nofollow ugc" links. Nothing else
/// (no other scheme, no markup) is ever given meaning.
/// </summary>
public static partial class GuestbookText
{
    public const int MaxLinks = 2;

    /// <summary>How many web addresses the message holds (what a visitor or a spammer would call a link).</summary>
    public static int CountLinks(string? message) => string.IsNullOrEmpty(message) ? 0 : LinkLike().Count(message);

    /// <summary>Trims the whole and each line's end, and keeps Unix line breaks only.</summary>
    public static string Clean(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd())).Trim();

    /// <summary>The message as compared for repeats: case and spacing folded.</summary>
    public static string Normalize(string text) => Spaces().Replace(text, " ").Trim().ToUpperInvariant();

    public static IHtmlContent Render(string message)
    {
        var html = new HtmlContentBuilder();
        var at = 0;
        foreach (Match match in WebAddress().Matches(message))
        {
            var url = TrimTrailingPunctuation(match.Value);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                continue;
            }

            html.Append(message[at..match.Index]);
            html.AppendHtml("<a rel=\"nofollow ugc\" href=\"");
            html.AppendHtml(HtmlEncoder.Default.Encode(uri.AbsoluteUri));
            html.AppendHtml("\">");
            html.Append(url);
            html.AppendHtml("</a>");
            at = match.Index + url.Length;
        }

        html.Append(message[at..]);
        return html;
    }

    private static string TrimTrailingPunctuation(string url) => url.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"');

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"(?:https?://|www\.)\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkLike();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
