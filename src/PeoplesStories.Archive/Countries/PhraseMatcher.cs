using System.Buffers;
using PeoplesStories.Archive.Text;

namespace PeoplesStories.Archive.Countries;

/// <summary>A country named in a text, before the phrase is cut out of it.</summary>
internal readonly record struct RawMention(string Code, int Index, int Length);

/// <summary>
/// Finds country phrases in text: tokenises the text once into words (skipping URLs), looks each capitalised word up in a
/// dictionary from first word to the phrases that start with it (longest first), and takes the leftmost-longest match.
/// Immutable once built, so it may be shared between threads.
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly Dictionary<string, PhrasePattern[]> _byFirstToken;
    private readonly Dictionary<string, PhrasePattern[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PhraseMatcher(IEnumerable<PhrasePattern> patterns)
    {
        _byFirstToken = patterns
            .GroupBy(p => p.Tokens[0], StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(p => p.Tokens.Length).ToArray(),
                StringComparer.Ordinal);
        _lookup = _byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Adds the country mentions of <paramref name="text"/> to <paramref name="into"/>, in text order.</summary>
    public void Scan(string text, List<RawMention> into)
    {
        if (text.Length == 0)
        {
            return;
        }

        var tokens = ArrayPool<Token>.Shared.Rent((text.Length / 2) + 2);
        try
        {
            var count = Tokenize(text, tokens);
            string?[]? folded = null;
            var i = 0;
            while (i < count)
            {
                var first = tokens[i];
                if (!char.IsUpper(text[first.Start])
                    || !_lookup.TryGetValue(TokenText(text, tokens, i, ref folded), out var candidates))
                {
                    i++;
                    continue;
                }

                PhrasePattern? hit = null;
                foreach (var candidate in candidates)
                {
                    if (Matches(candidate, text, tokens, count, i, ref folded))
                    {
                        hit = candidate;
                        break;
                    }
                }

                if (hit is null)
                {
                    i++;
                    continue;
                }

                var last = tokens[i + hit.Tokens.Length - 1];
                if (hit.Code is not null)
                {
                    var end = last.Start + last.Length;
                    if (hit.Closing.Length > 0 && text.AsSpan(end).StartsWith(hit.Closing, StringComparison.Ordinal))
                    {
                        end += hit.Closing.Length;
                    }

                    into.Add(new RawMention(hit.Code, first.Start, end - first.Start));
                }

                i += hit.Tokens.Length;
            }
        }
        finally
        {
            ArrayPool<Token>.Shared.Return(tokens);
        }
    }

    private static bool Matches(PhrasePattern pattern, string text, Token[] tokens, int count, int start, ref string?[]? folded)
    {
        var length = pattern.Tokens.Length;
        if (start + length > count)
        {
            return false;
        }

        for (var k = 1; k < length; k++)
        {
            var previous = tokens[start + k - 1];
            var token = tokens[start + k];
            if (token.BreakBefore)
            {
                return false;
            }

            var previousEnd = previous.Start + previous.Length;
            if (!PhrasePattern.GapMatches(text.AsSpan(previousEnd, token.Start - previousEnd), pattern.Gaps[k - 1]))
            {
                return false;
            }

            var comparison = pattern.IgnoreCase[k] ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (!TokenText(text, tokens, start + k, ref folded).Equals(pattern.Tokens[k], comparison))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The folded text of token <paramref name="index"/>; folding (and its allocation) only for non-ASCII words.</summary>
    private static ReadOnlySpan<char> TokenText(string text, Token[] tokens, int index, ref string?[]? folded)
    {
        var token = tokens[index];
        if (!token.NonAscii)
        {
            return text.AsSpan(token.Start, token.Length);
        }

        folded ??= new string?[tokens.Length];
        return folded[index] ??= TextFolding.FoldAccentsAndPunctuation(text.Substring(token.Start, token.Length));
    }

    /// <summary>
    /// Splits <paramref name="text"/> into words. Whitespace-separated chunks that are URLs (containing <c>://</c>, or
    /// starting with <c>www.</c>) give no words, and no phrase may span them.
    /// </summary>
    private static int Tokenize(string text, Token[] tokens)
    {
        var count = 0;
        var breakBefore = false;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var chunkEnd = i;
            while (chunkEnd < text.Length && !char.IsWhiteSpace(text[chunkEnd]))
            {
                chunkEnd++;
            }

            if (IsUrl(text.AsSpan(i, chunkEnd - i)))
            {
                breakBefore = true;
                i = chunkEnd;
                continue;
            }

            while (i < chunkEnd)
            {
                var c = text[i];
                if (!PhrasePattern.IsWordChar(c))
                {
                    i++;
                    continue;
                }

                var start = i;
                var nonAscii = false;
                while (i < chunkEnd && PhrasePattern.IsWordChar(c = text[i]))
                {
                    nonAscii |= c >= 128;
                    i++;
                }

                tokens[count++] = new Token(start, i - start, breakBefore, nonAscii);
                breakBefore = false;
            }
        }

        return count;
    }

    private static bool IsUrl(ReadOnlySpan<char> chunk)
    {
        if (chunk.Contains("://", StringComparison.Ordinal))
        {
            return true;
        }

        return chunk.TrimStart("(<[{\"'\u201C\u2018\u00AB").StartsWith("www.", StringComparison.OrdinalIgnoreCase);
    }

    private readonly record struct Token(int Start, int Length, bool BreakBefore, bool NonAscii);
}
