using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Search;

/// <summary>
/// The words of the SQLite search index that begin with a prefix, so that <c>journ*</c> is searched
/// as <c>("journalist" OR "journalists")</c>.
/// <para>
/// FTS5 answers a prefix query by merging the lists of every matching word into one before it
/// returns a row: for a prefix of a common word, that is most of the index, on every search (about
/// 10 ms at 100,000 stories), where the same words joined by OR are walked only as far as the page
/// needs. The words come from FTS5's own vocabulary (an <c>fts5vocab</c> table over the index) and
/// are kept among the <see cref="SearchIndexFigures"/>, until the content changes.
/// A prefix with more than <see cref="MaxWords"/> words, or one with letters beyond ASCII (whose
/// folding is the tokenizer's to decide), stays a prefix query.
/// </para>
/// </summary>
public sealed class IndexedPrefixes(SearchIndexFigures figures)
{
    /// <summary>Words a prefix may stand for; beyond this the prefix query is cheaper than the OR.</summary>
    public const int MaxWords = 64;

    /// <summary>The terms with every single-word ASCII prefix replaced by the index's words that begin with it, where there are few enough.</summary>
    public async Task<IReadOnlyList<SearchTerm>> ExpandAsync(StoriesDbContext db, IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(terms);
        if (!terms.Any(t => t.IsPrefix))
        {
            return terms;
        }

        var expanded = new List<SearchTerm>(terms.Count);
        foreach (var term in terms)
        {
            var words = term is { IsPrefix: true, IsPhrase: false } ? await WordsAsync(db, term.Words[0], ct) : null;
            expanded.Add(words is { Length: > 0 } ? term with { Expansion = words } : term);
        }

        return expanded;
    }

    /// <summary>The index's words beginning with the prefix, or null when the prefix query should stay.</summary>
    private Task<string[]?> WordsAsync(StoriesDbContext db, string prefix, CancellationToken ct)
    {
        if (!prefix.All(char.IsAsciiLetterOrDigit))
        {
            return Task.FromResult<string[]?>(null);
        }

        var folded = prefix.ToLowerInvariant();
        return figures.GetAsync(new PrefixKey(folded), () => ReadWordsAsync(db, folded, ct));
    }

    private static async Task<string[]?> ReadWordsAsync(StoriesDbContext db, string folded, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A temporary table of the connection's own: nothing is written to the database.
            await using var command = SqliteStatements.Command(
                db.Database,
                """
                CREATE VIRTUAL TABLE IF NOT EXISTS temp."StorySearchWords" USING fts5vocab(main, 'StorySearch', 'row');
                SELECT "term" FROM temp."StorySearchWords" WHERE "term" >= @from AND "term" <= @to ORDER BY "term" LIMIT @limit;
                """,
                ("@from", folded),
                ("@to", folded + "\U0010FFFF"),
                ("@limit", MaxWords + 1));
            var words = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    words.Add(reader.GetString(0));
                }
            }

            return words.Count is > 0 and <= MaxWords ? [.. words] : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The key of a prefix's words among the <see cref="SearchIndexFigures"/>.</summary>
    private sealed record PrefixKey(string Prefix);
}
