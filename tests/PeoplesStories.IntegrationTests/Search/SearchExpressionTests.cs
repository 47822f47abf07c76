using PeoplesStories.Web.Search;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>The query sanitiser on its own: what a person types becomes quoted FTS5 terms, never FTS5 syntax.</summary>
public sealed class SearchExpressionTests
{
    [Theory]
    [InlineData("scamming", "\"scamming\"")]
    [InlineData("  Human   Rights ", "\"Human\" AND \"Rights\"")]
    [InlineData("\"human rights\" defenders", "\"human rights\" AND \"defenders\"")]
    [InlineData("“living nightmare”", "\"living nightmare\"")]
    [InlineData("journ*", "\"journ\" *")]
    [InlineData("j*", "\"j\"")]
    [InlineData("*", null)]
    [InlineData("jo*urn", "\"jo\" AND \"urn\"")]
    [InlineData("don't covid-19", "\"don t\" AND \"covid 19\"")]
    [InlineData("covid-1*", "\"covid 1\"")]
    [InlineData("AND OR NOT", "\"AND\" AND \"OR\" AND \"NOT\"")]
    [InlineData("title:x", "\"title\" AND \"x\"")]
    [InlineData("NEAR(a b)", "\"NEAR\" AND \"a\" AND \"b\"")]
    [InlineData("^start -minus +plus", "\"start\" AND \"minus\" AND \"plus\"")]
    [InlineData("\"unbalanced phrase", "\"unbalanced\" AND \"phrase\"")]
    [InlineData("\"\"", null)]
    [InlineData("%", null)]
    [InlineData("!?.,;:()[]{}<>", null)]
    [InlineData("😀 🎉", null)]
    [InlineData("torture😀", "\"torture\"")]
    [InlineData("a\0b", "\"a\" AND \"b\"")]
    [InlineData("Perú", "\"Perú\"")]
    [InlineData("{title} : x", "\"title\" AND \"x\"")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Typed_text_becomes_quoted_terms(string? typed, string? expected) =>
        Assert.Equal(expected, SearchExpression.ToMatch(typed));

    [Fact]
    public void A_quote_inside_a_term_can_never_end_the_fts_string()
    {
        var match = SearchExpression.ToMatch("a\"b \"c\"d\" e\"");
        Assert.NotNull(match);
        // Every term is one balanced FTS5 string: quotes come in pairs.
        Assert.Equal(0, match!.Count(c => c == '"') % 2);
        Assert.Equal("\"a\" AND \"b\" AND \"c\" AND \"d\" AND \"e\"", match);
    }

    [Fact]
    public void Terms_are_capped()
    {
        var text = string.Join(' ', Enumerable.Range(1, 100).Select(i => $"word{i}"));
        var terms = SearchExpression.Parse(text);
        Assert.Equal(SearchExpression.MaxTerms, terms.Count);
        Assert.Equal("word1", terms[0].Words[0]);
    }

    [Fact]
    public void Twenty_kilobytes_of_text_is_read_only_up_to_the_limit()
    {
        var text = string.Concat(Enumerable.Repeat("abcdefghij", 2048));
        var terms = SearchExpression.Parse(text);
        var term = Assert.Single(terms);
        Assert.True(term.Words[0].Length <= SearchExpression.MaxWordLength);
        Assert.True(SearchExpression.ToMatch(terms)!.Length < 200);
    }

    [Fact]
    public void A_clip_never_splits_a_surrogate_pair()
    {
        var text = new string('a', SearchExpression.MaxInputLength - 1) + "😀😀";
        var clipped = SearchExpression.Clip(text);
        Assert.False(char.IsHighSurrogate(clipped[^1]));
    }

    [Theory]
    [InlineData("a \u0002b\u0003 c", "a <mark>b</mark> c")]
    [InlineData("<script>\u0002x\u0003</script>", "&lt;script&gt;<mark>x</mark>&lt;/script&gt;")]
    [InlineData("open \u0002only", "open <mark>only</mark>")]
    [InlineData("close\u0003 only", "close only")]
    [InlineData("para one\n\npara \u0002two\u0003", "para one para <mark>two</mark>")]
    [InlineData("\"quoted\" & 'apos'", "&quot;quoted&quot; &amp; &#39;apos&#39;")]
    [InlineData("Per\u00fa \ud83d\ude00 \u00bfs\u00ed?", "Per&#250; &#128512; &#191;s&#237;?")]
    [InlineData(" \u0003 \u0002 lead\u0003 and trail \u0003 ", "<mark> lead</mark> and trail")]
    [InlineData("\u00a0\u2003wide\u00a0space\u0007bell", "wide space bell")]
    public void Markers_become_mark_elements_and_everything_else_is_encoded(string marked, string html) =>
        Assert.Equal(html, SearchMarkup.ToHtml(marked));

    [Fact]
    public void Marked_text_becomes_the_same_html_as_encoding_each_run_of_text_on_its_own()
    {
        // The reference is the plain way: each run of text between markers collected, collapsed and
        // encoded by WebUtility.HtmlEncode, the result trimmed.
        char[] alphabet = ['a', 'Z', '7', ' ', '\n', '\t', '\u00a0', '\u0007', '<', '>', '&', '"', '\'', '\u00e9', '\u00ff', '\u0100', '\u2019',
            SearchMarkup.Open, SearchMarkup.Close, '\ud83d', '\ude00', '\ud800', '\udc00'];
        var random = new Random(20261130);
        for (var n = 0; n < 5000; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.Equal(ReferenceHtml(text), SearchMarkup.ToHtml(text));
        }
    }

    private static string ReferenceHtml(string marked)
    {
        var html = new System.Text.StringBuilder();
        var text = new System.Text.StringBuilder();
        var open = false;
        var space = false;
        foreach (var c in marked)
        {
            var marker = c == SearchMarkup.Open || c == SearchMarkup.Close;
            if (!marker && (char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                space = true;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            if (!marker)
            {
                text.Append(c);
                continue;
            }

            html.Append(System.Net.WebUtility.HtmlEncode(text.ToString()));
            text.Clear();
            if (open != (c == SearchMarkup.Open))
            {
                html.Append(open ? "</mark>" : "<mark>");
                open = !open;
            }
        }

        html.Append(System.Net.WebUtility.HtmlEncode(text.ToString())).Append(open ? "</mark>" : "");
        return html.ToString().Trim();
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character()
    {
        // Built in code: an attribute's string argument cannot carry a lone surrogate.
        var marked = string.Concat("lone ", '\ud800'.ToString(), " high, lone ", '\udc00'.ToString(), " low, split ", '\ud83d'.ToString(), "\u0002x\u0003");
        Assert.Equal("lone \ufffd high, lone \ufffd low, split \ufffd<mark>x</mark>", SearchMarkup.ToHtml(marked));
    }

    [Fact]
    public void A_query_is_normalised()
    {
        var q = StorySearch.Normalize(new SearchQuery("  x  ", " kh ", 2025, 2023, Page: 0, PageSize: 500));
        Assert.Equal(new SearchQuery("x", "KH", 2023, 2025, 1, StorySearch.MaxPageSize), q);
        Assert.Null(StorySearch.Normalize(new SearchQuery("x", "k1")).CountryCode);
        Assert.Null(StorySearch.Normalize(new SearchQuery("x", "khm")).CountryCode);
        Assert.Null(StorySearch.Normalize(new SearchQuery("x", FromYear: 0, ToYear: 10000)).FromYear);
        Assert.Equal(1, StorySearch.ParsePage("-3"));
        Assert.Equal(1, StorySearch.ParsePage("two"));
        Assert.Equal(StorySearch.MaxPage, StorySearch.ParsePage("99999999999999999999"));
        Assert.Null(StorySearch.ParseYear("20x5"));
        Assert.Equal(2025, StorySearch.ParseYear("2025"));
    }
}
