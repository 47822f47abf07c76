namespace PeoplesStories.Testing;

/// <summary>
/// A form that takes text from anyone: where it is served, whether an editor must be signed in, and
/// the fields that carry a payload (the form's other fields keep the values the page serves).
/// </summary>
internal sealed record XssForm(string Name, string Url, IReadOnlyList<string> Fields, bool SignedIn = false);

/// <summary>Every input of the site that takes text from a person or a file, for the XSS tests.</summary>
internal static class XssInputs
{
    /// <summary>
    /// Each form gets every payload in every one of its fields. A new input is one line here: its
    /// address and its text fields. The stored text is then looked for on <see cref="Showcases"/>,
    /// on every story page and on every submission's review page.
    /// </summary>
    public static readonly IReadOnlyList<XssForm> Forms =
    [
        new("guestbook", "/guestbook", ["Input.Name", "Input.Message"]),
        // The free-text fields alone: the submission is stored, reviewed and published.
        new("submit", "/submit", ["Input.Title", "Input.Story", "Input.Name", "Input.Contact"]),
        // Every field: sources and date refuse a payload, and the refused form shows it back.
        new("submit, every field", "/submit", ["Input.Title", "Input.Story", "Input.Sources", "Input.Date", "Input.Name", "Input.Contact"]),
    ];

    /// <summary>Pages (each with its following pages, by rel=next) where what the forms stored is shown.</summary>
    public static readonly IReadOnlyList<(string Url, bool SignedIn)> Showcases =
    [
        ("/", false), ("/guestbook", false), ("/sections/readers-stories", false),
        ("/editor", true), ("/editor/guestbook", true), ("/editor/submissions", true),
    ];

    /// <summary>Reader pages that list imported stories: their titles, bylines, dates and excerpts.</summary>
    public static readonly IReadOnlyList<string> ReaderPages = ["/", "/countries", "/countries/kh", "/archive", "/archive/2024", "/archive/2024/3", "/sections/hardening"];

    /// <summary>Searches that find the imported payload stories, so their snippets (with highlights) are shown.</summary>
    public static readonly IReadOnlyList<string> SnippetSearches = ["alert", "script", "onerror", "javascript", "Cambodia"];

    /// <summary>A payload that no form accepts: the form reader refuses a NUL character, and the site's 400 page answers.</summary>
    public static bool RefusedByEveryForm(string payload) => payload.Contains('\0', StringComparison.Ordinal);

    /// <summary>The section the payload archive pages are filed under.</summary>
    public const string ArchiveSection = "Hardening";

    /// <summary>
    /// An archive page per payload (one bad line keeps only its own page out): the payload is the
    /// title, the byline, the headline, a paragraph and part of a source address.
    /// </summary>
    public static IEnumerable<(string FileName, string Text)> ArchivePages() =>
        XssCorpus.SingleLine.Select((payload, i) => ($"xss-{i:000}.txt", ArchiveText.Page(ArchiveSection,
            ArchiveText.Story(
                $"Payload {i}: {payload}",
                $"{payload} and Cambodia Daily",
                "15 March 2024",
                $"{payload} (Agency {i})",
                $"In Cambodia, witness {i} wrote: {payload}",
                "javascript:alert(1)",
                $"https://example.org/report/{i}?q={Uri.EscapeDataString(payload)} https://example.org/{payload.Replace(' ', '+')}"))));
}
