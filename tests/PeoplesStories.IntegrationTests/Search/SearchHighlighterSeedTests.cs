#if !POSTGRES_TESTS
using Microsoft.Data.Sqlite;
using PeoplesStories.Web.Search;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>
/// Over the stored index of the seed and fixture stories, <see cref="SearchHighlighter"/> gives the
/// title and snippet FTS5's highlight() and snippet() give for each story a search finds (SQLite's
/// index; PostgreSQL marks its own), as marked text and as the HTML the search page shows.
/// </summary>
public sealed class SearchHighlighterSeedTests(SearchApp app) : IClassFixture<SearchApp>
{
    [Theory]
    [InlineData("rights")]
    [InlineData("human rights")]
    [InlineData("\"human rights\"")]
    [InlineData("cambodia scamming")]
    [InlineData("journ*")]
    [InlineData("the")]
    [InlineData("peru")]
    [InlineData("living nightmare")]
    [InlineData("orchardvale")]
    public void Every_story_found_is_marked_as_fts5_marks_it(string query)
    {
        var terms = SearchExpression.Parse(query);
        var highlighter = new SearchHighlighter(terms);
        using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "title", "body", highlight("StorySearch", 0, char(2), char(3)), snippet("StorySearch", 2, char(2), char(3), '…', @tokens)
            FROM "StorySearch" WHERE "StorySearch" MATCH @match
            """;
        command.Parameters.AddWithValue("@match", SearchExpression.ToMatch(terms, "title byline body"));
        command.Parameters.AddWithValue("@tokens", StorySearch.SnippetTokens);
        using var reader = command.ExecuteReader();
        var found = 0;
        while (reader.Read())
        {
            found++;
            Assert.Equal(reader.GetString(2), highlighter.Highlight(reader.GetString(0)));
            Assert.Equal(reader.GetString(3), highlighter.Snippet(reader.GetString(1), StorySearch.SnippetTokens));

            // The search page's HTML, made from the marked text in the highlighter's own buffer.
            Assert.Equal(SearchMarkup.ToHtml(reader.GetString(2)), highlighter.HighlightHtml(reader.GetString(0)));
            Assert.Equal(SearchMarkup.ToHtml(reader.GetString(3)), highlighter.SnippetHtml(reader.GetString(1), StorySearch.SnippetTokens));
        }

        Assert.True(found > 0, $"the fixture has stories with {query}");
    }
}
#endif
