using PeoplesStories.Archive.Countries;

namespace PeoplesStories.Archive;

/// <summary>A source link of an update: the URL exactly as written, its host without <c>www.</c>, and the date its path carries.</summary>
/// <param name="Url">The URL exactly as written.</param>
/// <param name="Host">The host, lower case, without a leading <c>www.</c>.</param>
/// <param name="Date">The date the URL's path carries, if any.</param>
/// <param name="Line">The 1-based line the link stands on.</param>
public sealed record ArchiveLink(string Url, string Host, ArchiveDate? Date, int Line)
{
    /// <summary>Makes a link from a URL, deriving its host and date.</summary>
    /// <exception cref="ArgumentException">The text is not an absolute http(s) URL.</exception>
    public static ArchiveLink FromUrl(string url, int line = 0)
    {
        if (!TryFromUrl(url, line, out var link))
        {
            throw new ArgumentException($"'{url}' is not an absolute http:// or https:// URL.", nameof(url));
        }

        return link;
    }

    /// <summary>Makes a link from a URL when it is an absolute http(s) URL with a host.</summary>
    public static bool TryFromUrl(string url, int line, out ArchiveLink link)
    {
        link = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal) && host.Length > 4)
        {
            host = host[4..];
        }

        link = new ArchiveLink(url, host, ArchiveDate.TryFromPath(uri.AbsolutePath, out var date) ? date : null, line);
        return true;
    }
}

/// <summary>One dated entry of a story: its date, an optional headline, paragraphs and source links.</summary>
/// <param name="Line">The 1-based line where the update starts (its date line, or its first line when undated).</param>
/// <param name="Date">The date, normalised at its precision; null when undated.</param>
/// <param name="DateText">The date as written; null when the date was inferred or is unknown.</param>
/// <param name="DateInferred">True when the date was taken from the first dated source link.</param>
/// <param name="Headline">A short first paragraph ending with a parenthesised source, if any.</param>
/// <param name="Paragraphs">The body paragraphs, text kept exactly.</param>
/// <param name="Links">The source links, in order.</param>
public sealed record ArchiveUpdate(
    int Line,
    ArchiveDate? Date,
    string? DateText,
    bool DateInferred,
    string? Headline,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<ArchiveLink> Links);

/// <summary>A story: a title, a byline, dated updates and the countries its text names.</summary>
/// <param name="File">The archive file name (no folder).</param>
/// <param name="Line">The 1-based line of the title.</param>
/// <param name="Title">The title, as written.</param>
/// <param name="Byline">The byline without its <c>by </c> prefix.</param>
/// <param name="Section">The section named in the page header.</param>
/// <param name="Updates">The updates in page order.</param>
/// <param name="Countries">The countries the title and text name, the primary one first.</param>
public sealed record ArchiveStory(
    string File,
    int Line,
    string Title,
    string Byline,
    string Section,
    IReadOnlyList<ArchiveUpdate> Updates,
    IReadOnlyList<CountryTag> Countries)
{
    /// <summary>The primary country's ISO 3166-1 alpha-2 code, if the story names any.</summary>
    public string? PrimaryCountry => Countries.FirstOrDefault(c => c.IsPrimary)?.Code;

    /// <summary>The title, headlines and paragraphs: the text the countries are read from.</summary>
    public IEnumerable<string> Texts() =>
        Updates.SelectMany(u => u.Headline is null ? u.Paragraphs : u.Paragraphs.Prepend(u.Headline));
}

/// <summary>An error or warning about an archive file, at a line.</summary>
/// <param name="Line">The 1-based line the message is about (0 when it is about the whole file).</param>
/// <param name="Message">A sentence a person can act on.</param>
public sealed record ArchiveDiagnostic(int Line, string Message);

/// <summary>The result of reading one archive file.</summary>
/// <param name="File">The file name (no folder).</param>
/// <param name="Section">The section named in the header, when there is one.</param>
/// <param name="Stories">The stories read; empty when the file has errors.</param>
/// <param name="Errors">What makes the file unusable; a file with errors imports nothing.</param>
/// <param name="Warnings">What was read but deserves a look.</param>
public sealed record ArchiveFile(
    string File,
    string? Section,
    IReadOnlyList<ArchiveStory> Stories,
    IReadOnlyList<ArchiveDiagnostic> Errors,
    IReadOnlyList<ArchiveDiagnostic> Warnings)
{
    /// <summary>True when the file has at least one error.</summary>
    public bool HasErrors => Errors.Count > 0;
}
