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
    /// The text HTML-encoded as <see cref="WebUtility.HtmlEncode(string?)"/> encodes it, with
    /// <see cref="Open"/>…<see cref="Close"/> as <c>&lt;mark&gt;…&lt;/mark&gt;</c>, always balanced; runs of
    /// white space (paragraph breaks) become one space, none at either end. One pass into one
    /// builder: a search page marks twenty titles and snippets, and copying each run of text into
    /// strings of its own to encode it was a tenth of what a search allocated.
    /// </summary>
    public static string ToHtml(string? marked) => string.IsNullOrEmpty(marked) ? "" : ToHtml(marked.AsSpan());

    /// <inheritdoc cref="ToHtml(string?)"/>
    public static string ToHtml(ReadOnlySpan<char> marked)
    {
        if (marked.IsEmpty)
        {
            return "";
        }

        // The builder is the thread's, kept from one text to the next unless a long one made it large.
        var html = builder ?? new StringBuilder(1024);
        builder = null;
        html.Clear();
        var open = false;
        var space = false;
        for (var i = 0; i < marked.Length; i++)
        {
            var c = marked[i];
            if (c != Open && c != Close && (char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                space = true;
                continue;
            }

            if (space)
            {
                if (html.Length > 0)
                {
                    html.Append(' ');
                }

                space = false;
            }

            if (c == Open)
            {
                if (!open)
                {
                    html.Append("<mark>");
                    open = true;
                }
            }
            else if (c == Close)
            {
                if (open)
                {
                    html.Append("</mark>");
                    open = false;
                }
            }
            else
            {
                i = Encode(html, marked, i);
            }
        }

        if (open)
        {
            html.Append("</mark>");
        }

        // A space written before a marker that was then left out can end the text.
        var end = html.Length;
        while (end > 0 && html[end - 1] == ' ')
        {
            end--;
        }

        var result = html.ToString(0, end);
        if (html.Capacity <= LargestKept)
        {
            builder = html;
        }

        return result;
    }

    /// <summary>The capacity of the largest builder kept for the thread's next text.</summary>
    private const int LargestKept = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? builder;

    /// <summary>
    /// Appends the character at <paramref name="index"/> as <see cref="WebUtility.HtmlEncode(string?)"/>
    /// writes it: the five markup characters as entities, Latin-1 characters from U+00A0 and characters
    /// beyond the first plane as numbers, a lone surrogate as U+FFFD. Returns the index of the last
    /// character used (the low surrogate of a pair).
    /// </summary>
    private static int Encode(StringBuilder html, ReadOnlySpan<char> text, int index)
    {
        var c = text[index];
        var pair = char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);
        if (c switch { '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", '&' => "&amp;", _ => null } is { } entity)
        {
            html.Append(entity);
        }
        else if (c is >= '\u00A0' and <= '\u00FF' || pair)
        {
            html.Append("&#").Append(pair ? char.ConvertToUtf32(c, text[index + 1]) : c).Append(';');
        }
        else
        {
            html.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }

        return pair ? index + 1 : index;
    }
}
