using Microsoft.Data.Sqlite;
using PeoplesStories.Web.Search;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>
/// <see cref="SearchHighlighter"/> marks titles and picks snippets as SQLite's FTS5 highlight() and
/// snippet() do: each case is run through both, over an FTS5 table with the index's tokenizer.
/// </summary>
public sealed class SearchHighlighterTests : IDisposable
{
    private static readonly string LongBody = string.Join(" ", Enumerable.Range(1, 60).Select(i => i switch
    {
        7 => "Police detained the reporter. Rights groups protested:",
        23 => "The human rights commission said nothing.",
        41 => "Journalists and journalism were both named; human\nrights defenders too.",
        _ => $"Sentence {i} says little about anything in particular, again and again",
    }));

    public static TheoryData<string, string> Cases => new()
    {
        { "rights", LongBody },
        { "human rights", LongBody },
        { "\"human rights\"", LongBody },
        { "journ*", LongBody },
        { "police commission", LongBody },
        { "nothing", LongBody },
        { "absentword", LongBody },
        { "particular again", LongBody },
        { "sentence 60", LongBody },
        { "tagword", "<script>alert(1)</script> tagword & <b>bold</b> text." },
        { "peru", "Police in Perú detained three reporters. PERU's press union: “Perú must answer”." },
        { "don't", "They said don't go, then don’t stay; DON'T leave." },
        { "covid-19", "Covid-19 and COVID 19 and covid-19's effects." },
        { "orchardvale", "Orchardvale families lost their homes; Orchardvale was cleared, and the Orchardvale market too. Orchardvale, Orchardvale, Orchardvale." },
        { "a b", "a b a b a b c a b" },
        { "\"b a\" b", "a b a b a b c a b" },
        { "права", "Пытки в Перу: ПРАВА человека и права задержанных." },
        { "北京", "北京 人权 北京人权 and 北京." },
        { "cafe", "Cafe\u0301 owners and the café and CAFÉ, decomposed and composed." },
    };

    /// <summary>
    /// Made-up texts of every length up to a few hundred words, in the words of a few searches, with
    /// the gaps the tokenizer and the snippet's sentences turn on (runs of spaces, tabs and newlines,
    /// stops and colons with and without a space after them, quotes, hyphens, digits); one in four
    /// has a word outside ASCII. Seeded, so a failure names a case that fails again.
    /// </summary>
    public static TheoryData<string, string> GeneratedCases()
    {
        string[] vocabulary = ["hunger", "strike", "Hunger", "STRIKE", "rights", "human", "journalist", "journalists", "police", "the", "a", "of", "detained", "2019", "x1", "b", "Perú", "права"];
        string[] gaps = [" ", " ", " ", " ", ", ", ". ", ": ", ".", ":", "  ", "\n\n", "\t", " - ", "-", " “", "” ", "'", ".\n"];
        string[] queries = ["hunger", "\"hunger strike\"", "hunger strike", "journ*", "rights \"human rights\"", "the", "strike police", "2019"];
        var random = new Random(20261201);
        var cases = new TheoryData<string, string>();
        for (var i = 0; i < 48; i++)
        {
            var ascii = i % 4 != 3;
            var text = new System.Text.StringBuilder();
            var count = random.Next(1, i < 24 ? 40 : 400);
            for (var w = 0; w < count; w++)
            {
                var word = vocabulary[random.Next(ascii ? vocabulary.Length - 2 : vocabulary.Length)];
                text.Append(word).Append(gaps[random.Next(gaps.Length)]);
            }

            cases.Add(queries[i % queries.Length], text.ToString());
        }

        return cases;
    }

    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public SearchHighlighterTests()
    {
        connection.Open();
        Execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')");
    }

    public void Dispose() => connection.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(GeneratedCases))]
    public void Titles_and_snippets_are_those_fts5_gives(string query, string text)
    {
        var terms = SearchExpression.Parse(query);
        var highlighter = new SearchHighlighter(terms);
        var title = text.Length > 200 ? text[..200] : text;
        Execute("DELETE FROM t");
        Execute("INSERT INTO t (rowid, title, body) VALUES (1, @title, @body)", ("@title", title), ("@body", text));

        // The OR of every term: FTS5 marks each term found, as in a search that matches them all.
        var any = string.Join(" OR ", terms.Select(t => SearchExpression.ToMatch([t])));
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT highlight(t, 0, char(2), char(3)), snippet(t, 1, char(2), char(3), '…', 28)
            FROM t WHERE t MATCH @match AND rowid = 1
            """;
        command.Parameters.AddWithValue("@match", "{title body} : (" + any + ")");
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            // No match at all: FTS5 gives no row, and the search never asks for its markup.
            Assert.DoesNotContain(SearchMarkup.Open, highlighter.Highlight(title));
            return;
        }

        Assert.Equal(reader.GetString(0), highlighter.Highlight(title));
        Assert.Equal(reader.GetString(1), highlighter.Snippet(text, 28));

        // A highlighter keeps its buffers from one text to the next (a page's stories): after a
        // longer text, with other words in other places, it marks this one just the same.
        var longer = Cases.Select(c => (string)c[1]).Aggregate((a, b) => b + " " + a);
        using (var reused = new SearchHighlighter(terms))
        {
            _ = reused.Snippet(longer, 28);
            Assert.Equal(reader.GetString(0), reused.Highlight(title));
            Assert.Equal(reader.GetString(1), reused.Snippet(text, 28));
        }

        // A disposed highlighter hands its buffers to the thread's next one, made for other terms
        // after a text full of other matches: it marks this text just the same.
        using (var other = new SearchHighlighter(SearchExpression.Parse("the a of and \"human rights\" right*")))
        {
            _ = other.Snippet(longer, 28);
            _ = other.Highlight(longer);
        }

        using var next = new SearchHighlighter(terms);
        Assert.Equal(reader.GetString(0), next.Highlight(title));
        Assert.Equal(reader.GetString(1), next.Snippet(text, 28));
    }

    [Fact]
    public void An_unpaired_surrogate_is_a_separator()
    {
        var highlighter = new SearchHighlighter(SearchExpression.Parse("rights"));
        Assert.Equal("a\ud800\u0002rights\u0003\udc00b", highlighter.Highlight("a\ud800rights\udc00b"));
    }

    [Fact]
    public void A_prefix_expanded_to_the_index_words_marks_each_of_them()
    {
        var terms = new[] { new SearchTerm(["journ"], IsPrefix: true, Expansion: ["journalists", "journalism"]) };
        var snippet = new SearchHighlighter(terms).Snippet(LongBody, 28);
        Assert.Contains("\u0002Journalists\u0003 and \u0002journalism\u0003", snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
