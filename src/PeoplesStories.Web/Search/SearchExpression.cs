using System.Globalization;
using System.Text;

namespace PeoplesStories.Web.Search;

/// <summary>
/// One term of a search: a word, or words that must stand together (a phrase), optionally a prefix.
/// A prefix may carry <see cref="Expansion"/>: the index's words that begin with it, searched instead
/// of the prefix (see <see cref="IndexedPrefixes"/>).
/// </summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool IsPrefix = false, IReadOnlyList<string>? Expansion = null)
{
    public bool IsPhrase => Words.Count > 1;
}

/// <summary>
/// Turns what a person typed into a safe SQLite FTS5 MATCH expression. Nothing typed reaches
/// MATCH as syntax: every term is written as an FTS5 string (double-quoted), so operators
/// (AND OR NOT NEAR), column filters (<c>title:</c>), <c>^ + - ( )</c> and stray quotes are plain
/// text or separators. The rules:
/// <list type="bullet">
/// <item>Text in double quotes (<c>"</c>, <c>“ ”</c>) is a phrase; an unclosed quote is ignored (its words stay plain words).</item>
/// <item>Outside quotes, words are runs of letters, digits and marks. Words joined by an apostrophe, hyphen or full stop
/// (<c>don't</c>, <c>covid-19</c>, <c>U.N.</c>) form a phrase; any other punctuation separates words.</item>
/// <item>A <c>*</c> right after a word of at least two letters makes it a prefix (<c>journ*</c>); any other <c>*</c> is a separator.</item>
/// <item>Emoji, symbols, control characters and NUL are separators. A term needs a letter or digit.</item>
/// <item>Terms are combined with AND; at most <see cref="MaxTerms"/> terms, read from the first <see cref="MaxInputLength"/> characters.</item>
/// </list>
/// </summary>
public static class SearchExpression
{
    /// <summary>Characters of the query that are read; the rest is ignored.</summary>
    public const int MaxInputLength = 500;

    /// <summary>Terms kept; the rest are ignored.</summary>
    public const int MaxTerms = 16;

    /// <summary>Characters kept of one word.</summary>
    public const int MaxWordLength = 100;

    /// <summary>The first <see cref="MaxInputLength"/> characters of the text, trimmed, never cutting a surrogate pair.</summary>
    public static string Clip(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.Length > MaxInputLength)
        {
            var cut = char.IsHighSurrogate(text[MaxInputLength - 1]) ? MaxInputLength - 1 : MaxInputLength;
            text = text[..cut];
        }

        return text.Trim();
    }

    /// <summary>The terms of a query, in order, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<SearchTerm> Parse(string? text)
    {
        var terms = new List<SearchTerm>();
        var clipped = Clip(text);
        if (clipped.Length == 0)
        {
            return terms;
        }

        // Quoted parts are phrases; a quote left open at the end is not a phrase.
        var parts = SplitQuotes(clipped);
        foreach (var (part, quoted) in parts)
        {
            if (quoted)
            {
                var words = Words(part);
                if (words.Count > 0)
                {
                    terms.Add(new SearchTerm(words));
                }
            }
            else
            {
                ReadPlain(part, terms);
            }

            if (terms.Count >= MaxTerms)
            {
                break;
            }
        }

        return terms.Count > MaxTerms ? terms.GetRange(0, MaxTerms) : terms;
    }

    /// <summary>
    /// The FTS5 expression for the terms, e.g. <c>"human rights" AND "journ" *</c>, or null when there
    /// is no term. With a column, the whole expression is limited to it: <c>{title} : (…)</c>.
    /// </summary>
    public static string? ToMatch(IReadOnlyList<SearchTerm> terms, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var term in terms)
        {
            if (builder.Length > 0)
            {
                builder.Append(" AND ");
            }

            if (term.Expansion is { Count: > 0 } expansion)
            {
                builder.Append('(').AppendJoin(" OR ", expansion.Select(Quoted)).Append(')');
                continue;
            }

            builder.Append(Quoted(string.Join(' ', term.Words)));
            if (term.IsPrefix)
            {
                builder.Append(" *");
            }
        }

        return column is null ? builder.ToString() : $"{{{column}}} : ({builder})";
    }

    /// <summary>
    /// How many FTS5 phrases <see cref="ToMatch(IReadOnlyList{SearchTerm}, string?)"/> writes for
    /// each term, in order: the words of a prefix's expansion, else one (a word, a quoted phrase, or
    /// an unexpanded prefix).
    /// </summary>
    public static IEnumerable<int> PhraseCounts(IReadOnlyList<SearchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return terms.Select(term => term.Expansion is { Count: > 0 } expansion ? expansion.Count : 1);
    }

    /// <summary>Text as an FTS5 string: in double quotes, a quote inside doubled.</summary>
    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The FTS5 expression for a query as typed, or null when it has no searchable term.</summary>
    public static string? ToMatch(string? text) => ToMatch(Parse(text));

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\uFF02';

    private static bool IsJoiner(Rune r) => r.Value is '\'' or '\u2019' or '\u02BC' or '-' or '\u2010' or '\u2011' or '.';

    /// <summary>Letters, digits, private-use characters: what SQLite's unicode61 tokenizer keeps.</summary>
    internal static bool IsWordStart(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    /// <summary>Combining marks belong to the word they follow (a decomposed <c>é</c>).</summary>
    internal static bool IsMark(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static List<(string Text, bool Quoted)> SplitQuotes(string text)
    {
        var parts = new List<(string, bool)>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsQuote(text[i]))
            {
                parts.Add((text[start..i], quoted));
                quoted = !quoted;
                start = i + 1;
            }
        }

        // The last part: an unclosed quote's text is read as plain words.
        parts.Add((text[start..], false));
        return parts;
    }

    /// <summary>Every word in the text, punctuation of any kind separating them (inside a phrase).</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var hasLetter = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordStart(rune) || (word.Length > 0 && IsMark(rune)))
            {
                Append(word, rune);
                hasLetter |= IsWordStart(rune);
            }
            else
            {
                EndWord(words, word, ref hasLetter);
            }
        }

        EndWord(words, word, ref hasLetter);
        return words;
    }

    /// <summary>Plain text: terms of words joined by joiners, with a trailing <c>*</c> as a prefix.</summary>
    private static void ReadPlain(string text, List<SearchTerm> terms)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var hasLetter = false;
        var runes = text.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count && terms.Count < MaxTerms; i++)
        {
            var rune = runes[i];
            if (IsWordStart(rune) || (word.Length > 0 && IsMark(rune)))
            {
                Append(word, rune);
                hasLetter |= IsWordStart(rune);
                continue;
            }

            var wordLength = word.Length;
            EndWord(words, word, ref hasLetter);
            if (IsJoiner(rune) && wordLength > 0 && i + 1 < runes.Count && IsWordStart(runes[i + 1]))
            {
                // don't, covid-19, U.N.: the words stay one term, a phrase.
                continue;
            }

            var prefix = rune.Value == '*' && wordLength > 0 && words.Count > 0 && new StringInfo(words[^1]).LengthInTextElements >= 2
                && (i + 1 == runes.Count || !IsWordStart(runes[i + 1]));
            EndTerm(terms, words, prefix);
        }

        EndWord(words, word, ref hasLetter);
        EndTerm(terms, words, prefix: false);
    }

    private static void Append(StringBuilder word, Rune rune)
    {
        if (word.Length < MaxWordLength)
        {
            word.Append(rune.ToString());
        }
    }

    private static void EndWord(List<string> words, StringBuilder word, ref bool hasLetter)
    {
        if (word.Length > 0 && hasLetter)
        {
            words.Add(word.ToString());
        }

        word.Clear();
        hasLetter = false;
    }

    private static void EndTerm(List<SearchTerm> terms, List<string> words, bool prefix)
    {
        if (words.Count > 0 && terms.Count < MaxTerms)
        {
            terms.Add(new SearchTerm([.. words], prefix));
        }

        words.Clear();
    }
}
