using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Text.RegularExpressions;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Archive.Text;

namespace PeoplesStories.Archive.Parsing;

/// <summary>
/// Reads archive text pages (the format described in ARCHIVE-FORMAT.md) into plain records.
/// Never throws on bad input: every problem becomes an <see cref="ArchiveDiagnostic"/> with a line.
/// </summary>
public sealed partial class ArchiveParser(CountryGazetteer gazetteer)
{
    /// <summary>Headline: a short first paragraph that ends with a parenthesised source, e.g. "… dissent. (OHCHR)".</summary>
    public const int MaxHeadlineLength = 200;

    private const int MaxErrorsPerFile = 50;

    private readonly CountryGazetteer gazetteer = gazetteer;

    /// <summary>A parser using the built-in country list.</summary>
    public static ArchiveParser Default { get; } = new(CountryGazetteer.Default);

    /// <summary>Reads an archive file from disk.</summary>
    public ArchiveFile ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        // Read into a pooled buffer: a page is often larger than the runtime's large-object limit,
        // and an import of a thousand pages would otherwise set off a full collection every few files.
        byte[]? buffer = null;
        try
        {
            int length;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);

                // A pipe (`import <(…)`, a named pipe) tells its length only by ending.
                long? size = stream.CanSeek ? stream.Length : null;
                if (size > Array.MaxLength)
                {
                    return Failed(name, 0, TooLarge(size.Value));
                }

                buffer = ArrayPool<byte>.Shared.Rent(size is { } known ? (int)known : 64 * 1024);
                length = 0;
                int read;
                while ((read = stream.Read(buffer.AsSpan(length))) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        if (size is not null)
                        {
                            break;
                        }

                        if (buffer.Length >= Array.MaxLength)
                        {
                            return Failed(name, 0, TooLarge(length));
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, Array.MaxLength));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Failed(name, 0, $"The file could not be read ({e.Message}). Check that it exists and is readable.");
            }

            return Parse(name, buffer.AsSpan(0, length));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static string TooLarge(long size) =>
        $"The file is {size:N0} bytes, too large to be an archive page. Split it into smaller files.";

    /// <summary>Reads an archive page from its bytes, which must be UTF-8 (a byte-order mark is allowed).</summary>
    public ArchiveFile Parse(string fileName, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var nul = content.IndexOf((byte)0);
        if (nul >= 0)
        {
            return Failed(fileName, LineAt(content, nul),
                "The file holds NUL bytes: it looks like a binary file, not an archive text page. Replace it with the page's text saved as UTF-8.");
        }

        // Validate first (vectorised); only a bad file pays for finding where it goes wrong.
        if (!Utf8.IsValid(content))
        {
            var status = Utf8.ToUtf16(content, new char[content.Length], out var bytesRead, out _, replaceInvalidSequences: false, isFinalBlock: false);
            return Failed(fileName, LineAt(content, bytesRead),
                status == OperationStatus.NeedMoreData
                    ? "The file ends in the middle of a character: it looks truncated. Restore the complete file."
                    : "The file is not valid UTF-8 at this line. Save it as UTF-8 (for example with iconv -f WINDOWS-1252 -t UTF-8) and import it again.");
        }

        return new PageReader(this, fileName, SplitLines(content)).Read();
    }

    /// <summary>Reads an archive page that is already text.</summary>
    public ArchiveFile ParseText(string fileName, string text)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        return new PageReader(this, fileName, SplitLines(text)).Read();
    }

    private static ArchiveFile Failed(string file, int line, string message) =>
        new(file, null, [], [new ArchiveDiagnostic(line, message)], []);

    private static int LineAt(ReadOnlySpan<byte> content, int byteIndex) =>
        content[..Math.Min(byteIndex, content.Length)].Count((byte)'\n') + 1;

    /// <summary>
    /// The text's lines, split at CRLF, LF or a lone CR, as <c>string.Split</c> with those three
    /// separators would (the last line may be empty). One vectorised search per line instead of
    /// Split's search for several separators. The text is UTF-16 or UTF-8 (whose line breaks are
    /// the same single bytes), each line made a string by <paramref name="toString"/>: a file's
    /// bytes become its lines without the whole file ever being one string.
    /// </summary>
    private static string[] SplitLines<T>(ReadOnlySpan<T> text, T cr, T lf, Func<ReadOnlySpan<T>, string> toString)
        where T : IEquatable<T>
    {
        var lines = new List<string>(text.Length / 64 + 1);
        while (true)
        {
            var at = text.IndexOfAny(cr, lf);
            if (at < 0)
            {
                lines.Add(toString(text));
                return [.. lines];
            }

            lines.Add(toString(text[..at]));
            var width = text[at].Equals(cr) && at + 1 < text.Length && text[at + 1].Equals(lf) ? 2 : 1;
            text = text[(at + width)..];
        }
    }

    private static string[] SplitLines(string text) => SplitLines(text.AsSpan(), '\r', '\n', line => new string(line));

    private static string[] SplitLines(ReadOnlySpan<byte> utf8) => SplitLines(utf8, (byte)'\r', (byte)'\n', line => Encoding.UTF8.GetString(line));

    /// <summary>True for a line made only of whitespace-separated http(s) URLs.</summary>
    internal static bool IsLinkLine(string trimmed, out string[] urls)
    {
        // Most lines are prose: look at the first word before splitting the whole line.
        if (!trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && !trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            urls = [];
            return false;
        }

        urls = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (urls.Length == 0)
        {
            return false;
        }

        foreach (var token in urls)
        {
            if (!token.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                && !token.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsHeadline(string paragraph) =>
        paragraph.Length <= MaxHeadlineLength && HeadlineSourcePattern().IsMatch(paragraph);

    [GeneratedRegex(@"^People['\u2019\u02BC]s\s+Stories(?:\s+(?<section>.+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    internal static partial Regex HeaderPattern();

    [GeneratedRegex(@"\S\s*\([^()]{1,80}\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex HeadlineSourcePattern();

    /// <summary>One pass over one page. Holds the state of the story and update being read.</summary>
    private sealed class PageReader(ArchiveParser parser, string fileName, string[] lines)
    {
        private static readonly string[] NavigationChrome = ["View previous stories", "View more stories", "Visit the related web page"];
        private static readonly string[] FooterParts = ["Submit a Story", "Search by keyword and country", "Guestbook"];

        private readonly List<ArchiveDiagnostic> errors = [];
        private readonly List<ArchiveDiagnostic> warnings = [];
        private readonly List<ArchiveStory> stories = [];
        private readonly string[] lines = lines;
        private string section = "";
        private StoryDraft? story;
        private bool footerSeen;
        private int lastContentLine;

        public ArchiveFile Read()
        {
            var header = FindHeader();
            if (header < 0)
            {
                return new ArchiveFile(fileName, null, [], errors, warnings);
            }

            for (var i = header + 1; i < lines.Length && errors.Count < MaxErrorsPerFile; i++)
            {
                var lineNumber = i + 1;
                if (TextFolding.IsFiller(lines[i]))
                {
                    continue;
                }

                var line = TextFolding.TrimFiller(lines[i]);
                lastContentLine = lineNumber;
                if (HasControlCharacters(line))
                {
                    Error(lineNumber, "This line holds control characters: the file looks damaged or binary. Restore the page's text and import it again.");
                    continue;
                }

                if (IsNavigation(line))
                {
                    continue;
                }

                if (IsFooter(line))
                {
                    CloseStory();
                    footerSeen = true;
                    continue;
                }

                if (!line.StartsWith("by ", StringComparison.Ordinal) && BylineAt(i + 1) is { } byline)
                {
                    CloseStory();
                    footerSeen = false;
                    if (byline.Length == 0)
                    {
                        Error(lineNumber + 1, $"The byline of \"{Shorten(line)}\" is empty. Write who reported the story after \"by \", e.g. \"by Amnesty International, agencies\".");
                    }

                    story = new StoryDraft(lineNumber, line, byline);
                    i++;
                    continue;
                }

                if (story is null)
                {
                    Error(lineNumber, footerSeen
                        ? $"Text after the page footer fits no rule: \"{Shorten(line)}\". A story starts with a title line directly followed by a line \"by …\"; anything else belongs inside a story."
                        : $"Text before the first story fits no rule: \"{Shorten(line)}\". A story starts with a title line directly followed by a line \"by …\".");
                    continue;
                }

                ReadStoryLine(line, lineNumber);
            }

            CloseStory();
            if (!footerSeen && errors.Count == 0)
            {
                Error(lastContentLine, "The file ends without the page footer (\"Submit a Story Search by keyword and country Guestbook\"): it looks truncated. Restore the complete page, or add the footer line if the page really ends here.");
            }

            if (errors.Count == 0 && stories.Count == 0)
            {
                Error(header + 1, "The page holds no story. A story is a title line, then a line \"by …\", then its dated updates.");
            }

            return new ArchiveFile(fileName, section, errors.Count == 0 ? stories : [], errors, warnings);
        }

        private int FindHeader()
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (TextFolding.IsFiller(lines[i]))
                {
                    continue;
                }

                var line = TextFolding.TrimFiller(lines[i]);
                var match = HeaderPattern().Match(line);
                if (!match.Success)
                {
                    Error(i + 1, $"The page has no header: the first line should read \"People's Stories <Section>\" (e.g. \"People's Stories Freedom\") but reads \"{Shorten(line)}\".");
                    return -1;
                }

                section = match.Groups["section"].Success ? TextFolding.CollapseWhitespace(match.Groups["section"].Value) : "";
                if (section.Length == 0)
                {
                    Error(i + 1, "The header names no section: write it as \"People's Stories <Section>\", e.g. \"People's Stories Freedom\".");
                    return -1;
                }

                return i;
            }

            Error(0, "The file is empty. An archive page starts with a header line such as \"People's Stories Freedom\".");
            return -1;
        }

        private void ReadStoryLine(string line, int lineNumber)
        {
            var draft = story!;
            if (ArchiveDate.TryParse(line, out var date))
            {
                draft.StartUpdate(lineNumber, date, line);
                return;
            }

            if (IsLinkLine(line, out var urls))
            {
                var update = draft.CurrentOrNew(lineNumber);
                foreach (var url in urls)
                {
                    if (ArchiveLink.TryFromUrl(url, lineNumber, out var link))
                    {
                        update.Links.Add(link);
                    }
                    else
                    {
                        Error(lineNumber, $"\"{Shorten(url)}\" is not a valid web address. Correct or remove it; a source line holds only http:// or https:// addresses separated by spaces.");
                    }
                }

                return;
            }

            draft.CurrentOrNew(lineNumber).Paragraphs.Add(line);
        }

        private void CloseStory()
        {
            if (story is not { } draft)
            {
                return;
            }

            story = null;
            if (draft.Updates.Count == 0)
            {
                Error(draft.Line, $"The story \"{Shorten(draft.Title)}\" has a title and a byline but no text. Add its updates, or remove the title and byline.");
                return;
            }

            var updates = new List<ArchiveUpdate>(draft.Updates.Count);
            foreach (var update in draft.Updates)
            {
                if (update.Paragraphs.Count == 0 && update.Links.Count == 0)
                {
                    Error(update.Line, $"The update dated \"{update.DateText}\" has no text and no source links. Add its paragraphs, or remove the date line.");
                    continue;
                }

                updates.Add(Finish(update, draft));
            }

            var read = new ArchiveStory(fileName, draft.Line, draft.Title, draft.Byline, section, updates, []);
            stories.Add(read with { Countries = parser.gazetteer.Tag(read.Title, read.Texts()) });
        }

        private ArchiveUpdate Finish(UpdateDraft update, StoryDraft draft)
        {
            string? headline = null;
            var paragraphs = update.Paragraphs;
            if (paragraphs.Count > 0 && IsHeadline(paragraphs[0]))
            {
                headline = paragraphs[0];
                paragraphs.RemoveAt(0);
            }

            var date = update.Date;
            var inferred = false;
            if (date is null)
            {
                var dated = update.Links.FirstOrDefault(l => l.Date is not null);
                if (dated is not null)
                {
                    date = dated.Date;
                    inferred = true;
                }
                else
                {
                    Warn(update.Line, $"The first update of \"{Shorten(draft.Title)}\" has no date line and none of its source links carries a date, so it stays undated. Add a date line such as \"June 2025\" above this line.");
                }
            }

            return new ArchiveUpdate(update.Line, date, update.DateText, inferred, headline, paragraphs, update.Links);
        }

        private string? BylineAt(int index)
        {
            if (index >= lines.Length)
            {
                return null;
            }

            var next = lines[index].AsSpan();
            var start = 0;
            while (start < next.Length && TextFolding.IsFillerChar(next[start]))
            {
                start++;
            }

            next = next[start..];
            var isByline = next.StartsWith("by ", StringComparison.Ordinal)
                || (next.StartsWith("by", StringComparison.Ordinal) && (next.Length == 2 || TextFolding.IsFillerChar(next[2])));
            return isByline ? TextFolding.TrimFiller(next[2..].ToString()) : null;
        }

        private static bool IsNavigation(string line)
        {
            if (line.Length > 40)
            {
                return false;
            }

            foreach (var chrome in NavigationChrome)
            {
                if (line.Equals(chrome, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The footer "Submit a Story Search by keyword and country Guestbook", whole or any run of its parts.</summary>
        private static bool IsFooter(string line)
        {
            if (line.Length > 80 || !FooterParts.Any(p => line.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            var rest = TextFolding.CollapseWhitespace(line);
            var matchedAny = false;
            foreach (var part in FooterParts)
            {
                if (rest.StartsWith(part, StringComparison.OrdinalIgnoreCase))
                {
                    rest = rest[part.Length..].TrimStart();
                    matchedAny = true;
                }
            }

            return matchedAny && rest.Length == 0;
        }

        private static bool HasControlCharacters(string line)
        {
            foreach (var c in line)
            {
                if (char.IsControl(c) && c != '\t')
                {
                    return true;
                }
            }

            return false;
        }

        private void Error(int line, string message) => errors.Add(new ArchiveDiagnostic(line, message));

        private void Warn(int line, string message) => warnings.Add(new ArchiveDiagnostic(line, message));

        private static string Shorten(string s) => s.Length <= 60 ? s : string.Concat(s.AsSpan(0, 57), "…");
    }

    private sealed class StoryDraft(int line, string title, string byline)
    {
        public int Line { get; } = line;

        public string Title { get; } = title;

        public string Byline { get; } = byline;

        public List<UpdateDraft> Updates { get; } = [];

        public void StartUpdate(int line, ArchiveDate? date, string? dateText) => Updates.Add(new UpdateDraft(line, date, dateText));

        public UpdateDraft CurrentOrNew(int line)
        {
            if (Updates.Count == 0)
            {
                StartUpdate(line, null, null);
            }

            return Updates[^1];
        }
    }

    private sealed class UpdateDraft(int line, ArchiveDate? date, string? dateText)
    {
        public int Line { get; } = line;

        public ArchiveDate? Date { get; } = date;

        public string? DateText { get; } = dateText;

        public List<string> Paragraphs { get; } = [];

        public List<ArchiveLink> Links { get; } = [];
    }
}
