namespace PeoplesStories.Testing;

/// <summary>An element of a page as a browser or a parser sees it: its local name and its attributes.</summary>
internal sealed record MarkupElement(string Tag, IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>
/// Finds markup on a page that the site never writes itself, so it can only have come from text a
/// person or a file supplied: an element the site does not use (script, img, svg, math, iframe, style …),
/// an attribute it does not use (every on… handler, style, srcdoc, formaction …), or a link whose
/// address runs script or carries a document (javascript:, data:, vbscript:). The same rules serve
/// AngleSharp over the served HTML and Chromium's live DOM.
/// </summary>
internal static class LiveMarkup
{
    /// <summary>Every element the site's pages are made of.</summary>
    private static readonly HashSet<string> SiteTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "title", "meta", "link", "body", "header", "nav", "main", "footer", "section", "article", "aside",
        "h1", "h2", "h3", "h4", "p", "a", "ul", "ol", "li", "dl", "dt", "dd", "span", "div", "strong", "em", "mark", "code", "kbd",
        "time", "table", "thead", "tbody", "tr", "th", "td", "form", "fieldset", "legend", "label", "input", "select", "option",
        "textarea", "button", "details", "summary", "br", "small",

        // What Markdown writes for editors' and submitters' text (emphasis, quotes, code, rules, lists, headings).
        "blockquote", "pre", "hr", "h5", "h6", "del", "sup", "sub",

        // What the revision diff writes around deleted and inserted words.
        "ins",
    };

    /// <summary>Every attribute the site's pages use (aria-* and data-val* besides).</summary>
    private static readonly HashSet<string> SiteAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "class", "href", "rel", "type", "name", "value", "for", "action", "method", "lang", "charset", "content", "property",
        "title", "role", "rows", "scope", "selected", "size", "start", "tabindex", "target", "autocomplete", "maxlength", "pattern",
        "inputmode", "placeholder", "novalidate", "datetime", "hidden", "disabled", "required", "checked", "open", "media", "hreflang",
    };

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"];

    private static readonly string[] ScriptSchemes = ["javascript:", "data:", "vbscript:"];

    /// <summary>A description of each element that a payload made live; empty when there is none.</summary>
    public static IReadOnlyList<string> Findings(IEnumerable<MarkupElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var findings = new List<string>();
        foreach (var element in elements)
        {
            if (!SiteTags.Contains(element.Tag))
            {
                findings.Add($"<{element.Tag}> element");
            }

            foreach (var (name, value) in element.Attributes)
            {
                if (!SiteAttributes.Contains(name)
                    && !name.StartsWith("aria-", StringComparison.OrdinalIgnoreCase)
                    && !name.StartsWith("data-val", StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add($"<{element.Tag} {name}=\"{value}\">");
                }
                else if (UrlAttributes.Contains(name, StringComparer.OrdinalIgnoreCase) && RunsScript(value))
                {
                    findings.Add($"<{element.Tag} {name}=\"{value}\"> (a script or document address)");
                }
            }
        }

        return findings;
    }

    /// <summary>What a browser would make of the address: control characters and spaces dropped, case folded.</summary>
    private static bool RunsScript(string value)
    {
        var folded = new string(value.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return ScriptSchemes.Any(scheme => folded.StartsWith(scheme, StringComparison.Ordinal));
    }
}
