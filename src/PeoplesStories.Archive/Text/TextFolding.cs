using System.Globalization;
using System.Text;

namespace PeoplesStories.Archive.Text;

/// <summary>
/// Folds text so that spellings people treat as the same compare equal: accents removed
/// (<c>Perú</c> → <c>Peru</c>), curly quotes and apostrophes made straight, dashes made plain,
/// and runs of whitespace (including U+00A0 and U+200B) made one space.
/// </summary>
public static class TextFolding
{
    /// <summary>Returns <paramref name="text"/> without diacritics and with typographic punctuation made plain; letter case is kept.</summary>
    public static string FoldAccentsAndPunctuation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(FoldPunctuation(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Folds accents and punctuation, collapses whitespace to single spaces, trims and lower-cases:
    /// the form used to decide whether two titles or bylines are the same.
    /// </summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return System.Text.Ascii.IsValid(text) ? Collapse(text, asciiKey: true) : CollapseWhitespace(FoldAccentsAndPunctuation(text)).ToLowerInvariant();
    }

    /// <summary>Collapses every run of whitespace (including U+00A0 and U+200B) into one space and trims the ends.</summary>
    public static string CollapseWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Collapse(text, asciiKey: false);
    }

    /// <summary>
    /// Collapses whitespace as <see cref="CollapseWhitespace"/> does, into one string. With
    /// <paramref name="asciiKey"/> it also makes <see cref="Key"/> of ASCII text in the same pass: ASCII
    /// has nothing to decompose and no marks, and '`' is the one punctuation character it folds.
    /// </summary>
    private static string Collapse(string text, bool asciiKey)
    {
        const int StackLimit = 512;
        char[]? rented = null;
        var buffer = text.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsFillerChar(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = !asciiKey ? c : c == '`' ? '\'' : char.ToLowerInvariant(c);
        }

        var collapsed = new string(buffer[..length]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return collapsed;
    }

    /// <summary>True for characters that carry no content on an archive line: whitespace, U+00A0, U+200B, U+FEFF.</summary>
    public static bool IsFillerChar(char c) =>
        char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    /// <summary>True when <paramref name="line"/> holds nothing but filler characters.</summary>
    public static bool IsFiller(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var c in line)
        {
            if (!IsFillerChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims filler characters (whitespace, U+00A0, U+200B, U+FEFF) from both ends.</summary>
    public static string TrimFiller(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var start = 0;
        var end = line.Length;
        while (start < end && IsFillerChar(line[start]))
        {
            start++;
        }

        while (end > start && IsFillerChar(line[end - 1]))
        {
            end--;
        }

        return line[start..end];
    }

    private static char FoldPunctuation(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u02BC' or '`' or '\u00B4' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        '\u00A0' or '\u2007' or '\u202F' => ' ',
        _ => c,
    };
}
