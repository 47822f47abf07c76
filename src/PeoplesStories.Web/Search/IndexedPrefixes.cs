using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Search;

/// <summary>
/// The words of the SQLite search index that begin with a prefix, so that <c>journ*</c> is searched
/// as <c>("journalist" OR "journalists")</c>.
/// <para>
/// FTS5 answers a prefix query by merging the lists of every matching word into one before it
/// returns a row: for a prefix of a common word, that is most of the index, on every search (about
/// 10 ms at 100,000 stories), where the same words joined by OR are walked only as far as the page
/// needs. The words come from FTS5's own vocabulary (an <c>fts5vocab</c> table over the index) and
/// are kept until the content changes (<see cref="ContentVersion"/>), like the site's other caches.
/// A prefix with more than <see cref="MaxWords"/> words, or one with letters beyond ASCII (whose
/// folding is the tokenizer's to decide), stays a prefix query.
/// </para>
/// </summary>
public sealed class IndexedPrefixes(ContentVersion version) : IDisposable
{
    /// <summary>Prefixes kept; a flood of made-up prefixes pushes out the oldest.</summary>
    private const int MaxPrefixes = 10_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxPrefixes });

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

    public void Dispose() => cache.Dispose();

    /// <summary>The index's words beginning with the prefix, or null when the prefix query should stay.</summary>
    private async Task<string[]?> WordsAsync(StoriesDbContext db, string prefix, CancellationToken ct)
    {
        if (!prefix.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var folded = prefix.ToLowerInvariant();
        if (cache.TryGetValue(folded, out string[]? cached))
        {
            return cached;
        }

        var token = version.Token;
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

            string[]? result = words.Count is > 0 and <= MaxWords ? [.. words] : null;
            cache.Set(folded, result, new MemoryCacheEntryOptions()
                .AddExpirationToken(token)
                .SetAbsoluteExpiration(TimeSpan.FromMinutes(10))
                .SetSize(1));
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
