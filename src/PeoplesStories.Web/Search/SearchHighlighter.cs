using System.Buffers;
using System.Text;

namespace PeoplesStories.Web.Search;

/// <summary>
/// Marks a search's terms in a story's title and picks the body's snippet, as FTS5's
/// <c>highlight()</c> and <c>snippet()</c> do (<see cref="SearchMarkup.Open"/> and
/// <see cref="SearchMarkup.Close"/> around each match, <c>…</c> where text is left out), from the
/// stored text. FTS5 tokenizes each story's whole body again for every snippet it makes; here the
/// text is read once and scanned without a database round trip per function.
/// <para>
/// Words are the tokenizer's (<c>unicode61 remove_diacritics 2</c>): runs of letters, digits,
/// private-use characters and the marks that follow them, compared without case or accents. The
/// snippet is the window of <c>tokens</c> words that holds the most different terms (then the most
/// matches), centred on them, or starting at a sentence when one begins before the first match; a
/// window at the start keeps the text before the first word, one at the end the text after the last.
/// </para>
/// </summary>
public sealed class SearchHighlighter : IDisposable
{
    private const char Ellipsis = '…';

    /// <summary>
    /// The search's phrases, as FTS5 counts them: each term, and each word of a prefix's expansion,
    /// a sequence of folded words (the last one a prefix for an unexpanded prefix term).
    /// </summary>
    private readonly List<(string[] Words, bool LastIsPrefix)> phrases = [];

    /// <summary>
    /// The words of the text being marked, their folded forms where needed, its matches and sentence
    /// starts: kept from one text to the next, so a page of snippets allocates room for the longest
    /// story's words once, and handed on to the thread's next highlighter when this one is disposed
    /// (<see cref="spare"/>), so a search allocates none of them once the site has served a few.
    /// </summary>
    private readonly Buffers buffers;

    private readonly List<Word> words;

    [ThreadStatic]
    private static Buffers? spare;

    public SearchHighlighter(IReadOnlyList<SearchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        (buffers, spare) = (spare ?? new Buffers(), null);
        words = buffers.Words;
        foreach (var term in terms)
        {
            if (term.Expansion is { Count: > 0 } expansion)
            {
                foreach (var word in expansion)
                {
                    Add(word, lastIsPrefix: false);
                }
            }
            else
            {
                Add(string.Join(' ', term.Words), term.IsPrefix);
            }
        }
    }

    /// <summary>The whole text, every match marked (overlapping or adjacent words of one match in one mark).</summary>
    public string Highlight(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new string(MarkHighlight(text));
    }

    /// <summary>
    /// The best window of <paramref name="tokens"/> words, matches marked, with <c>…</c> before and
    /// after when text is left out; the whole text (marked) when it is no longer than that.
    /// </summary>
    public string Snippet(string text, int tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new string(MarkSnippet(text, tokens));
    }

    /// <summary><see cref="Highlight"/> as HTML (<see cref="SearchMarkup.ToHtml(ReadOnlySpan{char})"/>), without the marked text as a string of its own.</summary>
    public string HighlightHtml(ReadOnlySpan<char> text) => SearchMarkup.ToHtml(MarkHighlight(text));

    /// <summary><see cref="Snippet"/> as HTML (<see cref="SearchMarkup.ToHtml(ReadOnlySpan{char})"/>), without the marked text as a string of its own.</summary>
    public string SnippetHtml(ReadOnlySpan<char> text, int tokens) => SearchMarkup.ToHtml(MarkSnippet(text, tokens));

    /// <summary>The marked text of <see cref="Highlight"/>, in the highlighter's buffer (valid until its next text).</summary>
    private ReadOnlySpan<char> MarkHighlight(ReadOnlySpan<char> text)
    {
        Tokenize(text, words);
        var marked = buffers.Marked;
        marked.ResetWrittenCount();
        Write(marked, text, words, Matches(text), 0, words.Count - 1, 0, text.Length);
        return marked.WrittenSpan;
    }

    /// <summary>The marked window of <see cref="Snippet"/>, in the highlighter's buffer (valid until its next text).</summary>
    private ReadOnlySpan<char> MarkSnippet(ReadOnlySpan<char> text, int tokens)
    {
        Tokenize(text, words);
        var marked = buffers.Marked;
        marked.ResetWrittenCount();
        if (words.Count == 0)
        {
            marked.Write(text);
            return marked.WrittenSpan;
        }

        var matches = Matches(text);
        var start = 0;
        if (words.Count > tokens)
        {
            var sentences = SentenceStarts(text, words, buffers.SentenceStarts);
            var seen = buffers.Seen;
            var best = 0;
            var inSentence = 0;
            foreach (var (first, _, _) in matches)
            {
                var (score, adjusted) = Score(matches, seen, first, tokens, words.Count);
                if (score > best)
                {
                    (best, start) = (score, adjusted);
                }

                // A window that starts at the sentence holding the match, if that does better (matches come in word order).
                while (inSentence + 1 < sentences.Count && sentences[inSentence + 1] <= first)
                {
                    inSentence++;
                }

                var sentence = sentences[inSentence];
                if (sentence < first)
                {
                    var (sentenceScore, _) = Score(matches, seen, sentence, tokens, words.Count);
                    sentenceScore += sentence == 0 ? 120 : 100;
                    if (sentenceScore > best)
                    {
                        (best, start) = (sentenceScore, sentence);
                    }
                }
            }
        }

        var last = Math.Min(start + tokens, words.Count) - 1;
        var from = start == 0 ? 0 : words[start].Start;
        var to = last == words.Count - 1 ? text.Length : words[last].End;
        if (start > 0)
        {
            marked.Write([Ellipsis]);
        }

        Write(marked, text, words, matches, start, last, from, to);
        if (last < words.Count - 1)
        {
            marked.Write([Ellipsis]);
        }

        return marked.WrittenSpan;
    }

    /// <summary>Hands the buffers on to the next highlighter made on this thread, unless one text made them very large.</summary>
    public void Dispose()
    {
        if (words.Capacity <= Buffers.LargestKept)
        {
            spare = buffers;
        }
    }

    /// <summary>What a highlighter reuses from one text to the next (see <see cref="buffers"/>).</summary>
    private sealed class Buffers
    {
        /// <summary>Words of the longest text whose buffers are kept for the next highlighter (a story of about 100 KB).</summary>
        public const int LargestKept = 16 * 1024;

        public readonly List<Word> Words = [];
        public readonly List<(int First, int Last, int Phrase)> Matches = [];
        public readonly List<int> SentenceStarts = [];
        public readonly HashSet<int> Seen = [];
        public readonly ArrayBufferWriter<char> Marked = new(1024);
        public string?[] Folded = [];
    }

    private void Add(string text, bool lastIsPrefix)
    {
        var tokens = new List<Word>();
        Tokenize(text, tokens);
        if (tokens.Count > 0)
        {
            phrases.Add(([.. tokens.Select(w => Fold(text.AsSpan(w.Start, w.End - w.Start)))], lastIsPrefix));
        }
    }

    /// <summary>
    /// FTS5's score of the window of <paramref name="tokens"/> words from <paramref name="first"/>:
    /// 1,000 for each phrase that begins in it, 1 for each further match; and where a window with
    /// those matches centred on them starts. The matches are in word order; <paramref name="seen"/>
    /// is the caller's set, reused.
    /// </summary>
    private static (int Score, int Start) Score(List<(int First, int Last, int Phrase)> matches, HashSet<int> seen, int first, int tokens, int count)
    {
        seen.Clear();
        var score = 0;
        var low = -1;
        var high = -1;
        foreach (var (start, end, phrase) in matches)
        {
            if (start >= first + tokens)
            {
                break;
            }

            if (start >= first)
            {
                score += seen.Add(phrase) ? 1000 : 1;
                low = low < 0 ? start : low;
                high = end + 1;
            }
        }

        if (high < 0)
        {
            return (0, first);
        }

        var adjusted = low - ((tokens - (high - low)) / 2);
        adjusted = Math.Max(0, Math.Min(adjusted, count - tokens));
        return (score, adjusted);
    }

    /// <summary>Every match (first and last word, phrase) among the <see cref="words"/> of the text, in word order.</summary>
    private List<(int First, int Last, int Phrase)> Matches(ReadOnlySpan<char> text)
    {
        if (buffers.Folded.Length < words.Count)
        {
            buffers.Folded = new string?[Math.Max(words.Count, buffers.Folded.Length * 2)];
        }
        else
        {
            Array.Clear(buffers.Folded, 0, words.Count);
        }

        var folded = buffers.Folded;
        var matches = buffers.Matches;
        matches.Clear();
        for (var i = 0; i < words.Count; i++)
        {
            for (var p = 0; p < phrases.Count; p++)
            {
                var (pattern, lastIsPrefix) = phrases[p];
                if (i + pattern.Length > words.Count)
                {
                    continue;
                }

                var all = true;
                for (var k = 0; k < pattern.Length && all; k++)
                {
                    all = Matches(text, words, folded, i + k, pattern[k], prefix: k == pattern.Length - 1 && lastIsPrefix);
                }

                if (all)
                {
                    matches.Add((i, i + pattern.Length - 1, p));
                }
            }
        }

        return matches;
    }

    /// <summary>
    /// Whether word <paramref name="index"/> is the folded <paramref name="pattern"/> (or begins with
    /// it): an ASCII word compared as it stands, ignoring case; any other folded first, once.
    /// </summary>
    private static bool Matches(ReadOnlySpan<char> text, List<Word> words, string?[] folded, int index, string pattern, bool prefix)
    {
        var word = words[index];
        if (word.Ascii)
        {
            var span = text.Slice(word.Start, word.End - word.Start);
            return prefix ? span.StartsWith(pattern, StringComparison.OrdinalIgnoreCase) : span.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        }

        var value = folded[index] ??= Fold(text.Slice(word.Start, word.End - word.Start));
        return prefix ? value.StartsWith(pattern, StringComparison.Ordinal) : value == pattern;
    }

    /// <summary>
    /// The text from <paramref name="from"/> to <paramref name="to"/>, with the matches within words
    /// <paramref name="first"/>…<paramref name="last"/> marked: overlapping matches as one mark, one
    /// cut by the window's edge up to that edge.
    /// </summary>
    private static void Write(ArrayBufferWriter<char> output, ReadOnlySpan<char> text, List<Word> words, List<(int First, int Last, int Phrase)> matches, int first, int last, int from, int to)
    {
        var at = from;
        var i = 0;
        while (i < matches.Count)
        {
            var (spanFirst, spanLast, _) = matches[i++];
            while (i < matches.Count && matches[i].First <= spanLast)
            {
                spanLast = Math.Max(spanLast, matches[i++].Last);
            }

            var a = Math.Max(spanFirst, first);
            var b = Math.Min(spanLast, last);
            if (a <= b)
            {
                output.Write(text[at..words[a].Start]);
                output.Write([SearchMarkup.Open]);
                output.Write(text[words[a].Start..words[b].End]);
                output.Write([SearchMarkup.Close]);
                at = words[b].End;
            }
        }

        output.Write(text[at..to]);
    }

    /// <summary>Words that begin a sentence: the first, and each after a full stop or colon and white space.</summary>
    private static List<int> SentenceStarts(ReadOnlySpan<char> text, List<Word> words, List<int> starts)
    {
        starts.Clear();
        starts.Add(0);
        for (var i = 1; i < words.Count; i++)
        {
            var j = words[i].Start - 1;
            while (j >= 0 && text[j] is ' ' or '\t' or '\n' or '\r')
            {
                j--;
            }

            if (j != words[i].Start - 1 && j >= 0 && text[j] is '.' or ':')
            {
                starts.Add(i);
            }
        }

        return starts;
    }

    /// <summary>A word of the text: where it begins and ends, and whether it is all ASCII.</summary>
    private readonly record struct Word(int Start, int End, bool Ascii);

    /// <summary>The tokenizer's words, into <paramref name="words"/> (ASCII letters and digits read without decoding; an unpaired surrogate is a separator).</summary>
    private static void Tokenize(ReadOnlySpan<char> text, List<Word> words)
    {
        words.Clear();
        words.EnsureCapacity(text.Length / 5);
        var start = -1;
        var ascii = true;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            bool inWord;
            var length = 1;
            if (c < 0x80)
            {
                inWord = char.IsAsciiLetterOrDigit(c);
            }
            else
            {
                Rune.DecodeFromUtf16(text[i..], out var rune, out length);
                inWord = SearchExpression.IsWordStart(rune) || (start >= 0 && SearchExpression.IsMark(rune));
            }

            if (inWord && start < 0)
            {
                (start, ascii) = (i, true);
            }
            else if (!inWord && start >= 0)
            {
                words.Add(new Word(start, i, ascii));
                start = -1;
            }

            ascii &= c < 0x80;
            i += length;
        }

        if (start >= 0)
        {
            words.Add(new Word(start, text.Length, ascii));
        }

    }

    /// <summary>A word in lower case without accents, as the index's tokenizer folds it.</summary>
    internal static string Fold(ReadOnlySpan<char> word)
    {
        if (Ascii.IsValid(word))
        {
            return word.ToString().ToLowerInvariant();
        }

        var decomposed = word.ToString().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (!SearchExpression.IsMark(rune))
            {
                folded.Append(rune.ToString().ToLowerInvariant());
            }
        }

        return folded.ToString();
    }
}
