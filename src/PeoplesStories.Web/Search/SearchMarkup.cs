using System.Net;
using System.Text;

namespace PeoplesStories.Web.Search;

/// <summary>Turns FTS5 highlight/snippet output into safe HTML: every character encoded, the match markers as <c>&lt;mark&gt;</c>.</summary>
public static class SearchMarkup
{
    /// <summary>What FTS5 puts before a matched phrase (STX), chosen because stored text never holds it.</summary>
    public const char Open = '\u0002';

    /// <summary>What FTS5 puts after a matched phrase (ETX).</summary>
    public const char Close = '\u0003';

    /// <summary>
    /// The text HTML-encoded, with <see cref="Open"/>…<see cref="Close"/> as <c>&lt;mark&gt;…&lt;/mark&gt;</c>,
    /// always balanced; runs of white space (paragraph breaks) become one space.
    /// </summary>
    public static string ToHtml(string? marked)
    {
        if (string.IsNullOrEmpty(marked))
        {
            return "";
        }

        var html = new StringBuilder(marked.Length + 32);
        var text = new StringBuilder();
        var open = false;
        var space = false;
        foreach (var c in marked)
        {
            if (c == Open || c == Close)
            {
                if (space)
                {
                    text.Append(' ');
                    space = false;
                }

                Flush(html, text);
                if (c == Open && !open)
                {
                    html.Append("<mark>");
                    open = true;
                }
                else if (c == Close && open)
                {
                    html.Append("</mark>");
                    open = false;
                }

                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(c);
        }

        Flush(html, text);
        if (open)
        {
            html.Append("</mark>");
        }

        return html.ToString().Trim();
    }

    private static void Flush(StringBuilder html, StringBuilder text)
    {
        if (text.Length > 0)
        {
            html.Append(WebUtility.HtmlEncode(text.ToString()));
            text.Clear();
        }
    }
}
