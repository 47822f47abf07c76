using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        var all = CollectionsMarshal.AsSpan(words);
        for (var p = 0; p < phrases.Count; p++)
        {
            var (pattern, lastIsPrefix) = phrases[p];
            var first = pattern[0];
            var firstIsPrefix = pattern.Length == 1 && lastIsPrefix;
            for (var i = 0; i + pattern.Length <= all.Length; i++)
            {
                // Most words differ from the phrase's first in length or first letter: an ASCII word
                // is told apart without a call (letters and digits compare without case as c | 0x20;
                // the pattern is folded to lower case, and a pattern not in ASCII never matches one).
                var word = all[i];
                if (word.Ascii
                    && ((firstIsPrefix ? word.End - word.Start < first.Length : word.End - word.Start != first.Length)
                        || (char)(text[word.Start] | 0x20) != first[0]))
                {
                    continue;
                }

                var found = Matches(text, words, folded, i, first, firstIsPrefix);
                for (var k = 1; k < pattern.Length && found; k++)
                {
                    found = Matches(text, words, folded, i + k, pattern[k], prefix: k == pattern.Length - 1 && lastIsPrefix);
                }

                if (found)
                {
                    matches.Add((i, i + pattern.Length - 1, p));
                }
            }
        }

        // In word order, and at one word in the order of the phrases.
        if (phrases.Count > 1)
        {
            matches.Sort(static (a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Phrase.CompareTo(b.Phrase));
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

    /// <summary>
    /// Words that begin a sentence: the first, and each after a full stop or colon and white space.
    /// Found from the stops and colons (a few in a paragraph), not by looking back from every word.
    /// </summary>
    private static List<int> SentenceStarts(ReadOnlySpan<char> text, List<Word> words, List<int> starts)
    {
        starts.Clear();
        starts.Add(0);
        var all = CollectionsMarshal.AsSpan(words);
        var next = 1;
        for (var stop = text.IndexOfAny('.', ':'); stop >= 0 && next < all.Length; stop = Next(text, stop))
        {
            var after = stop + 1;
            while (after < text.Length && text[after] is ' ' or '\t' or '\n' or '\r')
            {
                after++;
            }

            if (after > stop + 1)
            {
                while (next < all.Length && all[next].Start < after)
                {
                    next++;
                }

                if (next < all.Length && all[next].Start == after)
                {
                    starts.Add(next);
                }
            }
        }

        return starts;

        static int Next(ReadOnlySpan<char> text, int stop)
        {
            var found = text[(stop + 1)..].IndexOfAny('.', ':');
            return found < 0 ? -1 : stop + 1 + found;
        }
    }

    /// <summary>A word of the text: where it begins and ends, and whether it is all ASCII.</summary>
    private readonly record struct Word(int Start, int End, bool Ascii);

    /// <summary>The tokenizer's words, into <paramref name="words"/> (ASCII letters and digits read without decoding; an unpaired surrogate is a separator).</summary>
    private static void Tokenize(ReadOnlySpan<char> text, List<Word> words)
    {
        words.Clear();
        words.EnsureCapacity(text.Length / 5);
        if (Vector128.IsHardwareAccelerated && Ascii.IsValid(text))
        {
            TokenizeAscii(text, words);
            return;
        }

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

    /// <summary>
    /// <see cref="Tokenize"/> for text all in ASCII, where a word is a run of ASCII letters and
    /// digits: sixteen characters at a time, as a mask of which are letters or digits, whose changes
    /// from 0 to 1 and back are where words begin and end. Scanned a character at a time, a story's
    /// body took about 1.5 ns a character, most of it in mispredicted branches at each word's edges.
    /// </summary>
    private static void TokenizeAscii(ReadOnlySpan<char> text, List<Word> words)
    {
        var start = -1;
        var at = 0;
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        for (; at + 16 <= text.Length; at += 16)
        {
            var bytes = Vector128.Narrow(Vector128.LoadUnsafe(ref first, (nuint)at), Vector128.LoadUnsafe(ref first, (nuint)(at + 8)));
            var letters = Vector128.LessThanOrEqual((bytes | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)('z' - 'a')));
            var digits = Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)'0'), Vector128.Create((byte)9));
            var inWord = (letters | digits).ExtractMostSignificantBits();
            var before = (inWord << 1) | (start >= 0 ? 1u : 0u);
            for (var edges = (inWord ^ before) & 0xFFFF; edges != 0; edges &= edges - 1)
            {
                var offset = at + BitOperations.TrailingZeroCount(edges);
                if (start < 0)
                {
                    start = offset;
                }
                else
                {
                    words.Add(new Word(start, offset, true));
                    start = -1;
                }
            }
        }

        for (; at < text.Length; at++)
        {
            var inWord = char.IsAsciiLetterOrDigit(text[at]);
            if (inWord && start < 0)
            {
                start = at;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(new Word(start, at, true));
                start = -1;
            }
        }

        if (start >= 0)
        {
            words.Add(new Word(start, text.Length, true));
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
