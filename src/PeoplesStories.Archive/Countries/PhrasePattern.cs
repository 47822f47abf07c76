using System.Globalization;
using PeoplesStories.Archive.Text;

namespace PeoplesStories.Archive.Countries;

/// <summary>
/// A name, alternative name, demonym or blocker phrase, split into folded word tokens and the canonical
/// separators (gaps) between them. A blocker has no <see cref="Code"/>: it consumes the text it matches.
/// </summary>
internal sealed class PhrasePattern
{
    private PhrasePattern(string? code, string[] tokens, bool[] ignoreCase, string[] gaps, string closing, int line)
    {
        Code = code;
        Tokens = tokens;
        IgnoreCase = ignoreCase;
        Gaps = gaps;
        Closing = closing;
        Line = line;
    }

    /// <summary>Country code, or null for a blocker phrase.</summary>
    public string? Code { get; }

    /// <summary>Folded word tokens; the first one starts with a capital letter.</summary>
    public string[] Tokens { get; }

    /// <summary>Per token: true when the token is written in lower case and so matches in any case.</summary>
    public bool[] IgnoreCase { get; }

    /// <summary>Canonical separators between consecutive tokens (<see cref="CanonicalGap"/>); one fewer than tokens.</summary>
    public string[] Gaps { get; }

    /// <summary>
    /// Closing punctuation after the last word (<c>)</c> of <c>Saint Martin (French part)</c>): not needed for a match,
    /// but taken into the mention when the text has it, so that the phrase reads as written.
    /// </summary>
    public string Closing { get; }

    /// <summary>Line of the data file the phrase comes from.</summary>
    public int Line { get; }

    /// <summary>A key that is equal for two patterns exactly when they match the same texts.</summary>
    public string Key
    {
        get
        {
            var parts = new List<string>(Tokens.Length * 2);
            for (var i = 0; i < Tokens.Length; i++)
            {
                if (i > 0)
                {
                    parts.Add(Gaps[i - 1]);
                }

                parts.Add(IgnoreCase[i] ? Tokens[i].ToLowerInvariant() : Tokens[i]);
            }

            return string.Join('\u0001', parts);
        }
    }

    /// <summary>Builds the pattern of <paramref name="phrase"/>; the error message is set when the phrase is not usable.</summary>
    public static PhrasePattern? Create(string phrase, string? code, int line, out string? error)
    {
        var folded = TextFolding.FoldAccentsAndPunctuation(phrase);
        var tokens = new List<string>();
        var gaps = new List<string>();
        var i = 0;
        var previousEnd = -1;
        while (i < folded.Length)
        {
            if (!IsWordChar(folded[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < folded.Length && IsWordChar(folded[i]))
            {
                i++;
            }

            if (previousEnd >= 0)
            {
                gaps.Add(CanonicalGap(folded[previousEnd..start]));
            }

            tokens.Add(folded[start..i]);
            previousEnd = i;
        }

        var closing = previousEnd < 0 ? string.Empty : TextFolding.TrimFiller(folded[previousEnd..]);
        if (closing is not (")" or "]"))
        {
            closing = string.Empty;
        }

        if (tokens.Count == 0)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the name \"{phrase}\" has no word in it");
            return null;
        }

        if (!char.IsUpper(tokens[0][0]))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the name \"{phrase}\" must start with a capital letter");
            return null;
        }

        if (tokens.Count == 1 && tokens[0].Length > 1 && !tokens[0].Any(char.IsLower))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the name \"{phrase}\" is an all-caps abbreviation; abbreviations tag nothing");
            return null;
        }

        var ignoreCase = new bool[tokens.Count];
        for (var k = 1; k < tokens.Count; k++)
        {
            ignoreCase[k] = !tokens[k].Any(char.IsUpper);
        }

        error = null;
        return new PhrasePattern(code, [.. tokens], ignoreCase, [.. gaps], closing, line);
    }

    /// <summary>
    /// The pattern for the plural of a demonym (<c>Cambodian</c> → <c>Cambodians</c>), or null for words that do not
    /// take a plain <c>s</c> (ending in s, x, z, sh, ch or ese).
    /// </summary>
    public PhrasePattern? Plural()
    {
        var last = Tokens[^1];
        if (last.EndsWith('s') || last.EndsWith('x') || last.EndsWith('z')
            || last.EndsWith("sh", StringComparison.Ordinal) || last.EndsWith("ch", StringComparison.Ordinal)
            || last.EndsWith("ese", StringComparison.Ordinal))
        {
            return null;
        }

        var tokens = (string[])Tokens.Clone();
        tokens[^1] = last + "s";
        return new PhrasePattern(Code, tokens, IgnoreCase, Gaps, Closing, Line);
    }

    /// <summary>True for characters that make up words: letters, digits and combining marks (not U+02BC, an apostrophe).</summary>
    public static bool IsWordChar(char c)
    {
        if (c < 128)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;
        }

        return c != '\u02BC' && CharUnicodeInfo.GetUnicodeCategory(c) <= UnicodeCategory.OtherNumber;
    }

    /// <summary>
    /// The canonical form of the separator between two words: folded, hyphens and dashes made spaces, whitespace
    /// collapsed and trimmed, so that <c>Guinea-Bissau</c> and <c>Guinea Bissau</c> compare equal and
    /// <c>d’Ivoire</c> keeps its apostrophe.
    /// </summary>
    public static string CanonicalGap(string gap) =>
        TextFolding.CollapseWhitespace(TextFolding.FoldAccentsAndPunctuation(gap).Replace('-', ' '));

    /// <summary>True when the separator <paramref name="gap"/> of a text has the canonical form <paramref name="canonical"/>.</summary>
    public static bool GapMatches(ReadOnlySpan<char> gap, string canonical)
    {
        var onlySpace = true;
        foreach (var c in gap)
        {
            if (c != '-' && !TextFolding.IsFillerChar(c))
            {
                onlySpace = false;
                break;
            }
        }

        if (onlySpace)
        {
            return canonical.Length == 0;
        }

        return string.Equals(CanonicalGap(gap.ToString()), canonical, StringComparison.Ordinal);
    }
}
