using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Search;

/// <summary>
/// Full-text search over published stories: the one class that knows the SQLite FTS5 index.
/// <para>
/// The index is the FTS5 table <c>StorySearch</c> (migration AddStorySearch): one row per story,
/// rowid = story id, columns <c>title</c>, <c>byline</c> and <c>body</c> (every update's headline and
/// paragraphs; never source URLs), tokenizer <c>unicode61 remove_diacritics 2</c>. Triggers on
/// Stories and StoryUpdates keep it in step with every write, EF Core's or the importer's raw SQL.
/// Which stories readers may see is decided here, by joining Stories (State = 'Published'), so
/// publishing needs no reindexing.
/// </para>
/// <para>
/// A search is three queries: the page of ids with rank, highlighted title and snippet (LIMIT/OFFSET
/// in SQL), the count, and the projection of those ids into <see cref="StorySummary"/>.
/// Title matches come first, then bm25 with the title weighted 10, byline 2, body 1.
/// </para>
/// </summary>
public sealed class StorySearch(StoriesDbContext db, StoryReader reader, ILogger<StorySearch> logger)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 50;

    /// <summary>Pages beyond this are not served (10,000 results deep at the default size).</summary>
    public const int MaxPage = 1000;

    public const int MinYear = 1;
    public const int MaxYear = 9999;

    /// <summary>Tokens around the match in a snippet.</summary>
    public const int SnippetTokens = 28;

    private const string Published = nameof(StoryState.Published);

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = Normalize(query);
        if (string.IsNullOrEmpty(query.Text))
        {
            return new SearchResults(query, [], 0, QueryWasEmpty: true);
        }

        var terms = SearchExpression.Parse(query.Text);
        if (terms.Count == 0)
        {
            return new SearchResults(query, [], 0, QueryWasEmpty: false);
        }

        if (db.Database.IsNpgsql())
        {
            var (found, count) = await PostgresStorySearch.PageAsync(db, query, terms, Published, ct);
            return await ResultsAsync(query, found, count, ct);
        }

        var match = SearchExpression.ToMatch(terms)!;
        var titleMatch = SearchExpression.ToMatch(terms, "title")!;
        try
        {
            // CROSS JOIN keeps the FTS index as the outer loop: left to itself, SQLite may walk every
            // published story and run the MATCH once per row (seconds at 100,000 stories).
            var (filterSql, filterParameters) = Filters(query);
            var offset = (query.Page - 1) * query.PageSize;

            var pageSql = $"""
                SELECT "StorySearch"."rowid" AS "Id",
                       bm25("StorySearch", 10.0, 2.0, 1.0) AS "Score",
                       highlight("StorySearch", 0, char(2), char(3)) AS "Title",
                       snippet("StorySearch", 2, char(2), char(3), '…', {SnippetTokens.ToString(CultureInfo.InvariantCulture)}) AS "Snippet"
                FROM "StorySearch"
                CROSS JOIN "Stories" AS "s" ON "s"."Id" = "StorySearch"."rowid"
                WHERE "StorySearch" MATCH @match AND "s"."State" = @published{filterSql}
                ORDER BY CASE WHEN "StorySearch"."rowid" IN (SELECT "rowid" FROM "StorySearch" WHERE "StorySearch" MATCH @titleMatch) THEN 0 ELSE 1 END,
                         "Score", "StorySearch"."rowid"
                LIMIT @limit OFFSET @offset
                """;
            var rows = await db.Database.SqlQueryRaw<HitRow>(
                    pageSql,
                    [
                        new SqliteParameter("@match", match),
                        new SqliteParameter("@titleMatch", titleMatch),
                        new SqliteParameter("@published", Published),
                        new SqliteParameter("@limit", query.PageSize),
                        new SqliteParameter("@offset", offset),
                        .. filterParameters(),
                    ])
                .ToListAsync(ct);

            // The count is needed for the heading and the pager, even when the page asked for is past the end.
            var countSql = $"""
                SELECT COUNT(*) AS "Value"
                FROM "StorySearch"
                CROSS JOIN "Stories" AS "s" ON "s"."Id" = "StorySearch"."rowid"
                WHERE "StorySearch" MATCH @match AND "s"."State" = @published{filterSql}
                """;
            var total = rows.Count < query.PageSize && (rows.Count > 0 || offset == 0)
                ? offset + rows.Count
                : await db.Database.SqlQueryRaw<int>(
                        countSql,
                        [new SqliteParameter("@match", match), new SqliteParameter("@published", Published), .. filterParameters()])
                    .SingleAsync(ct);

            return await ResultsAsync(query, rows, total, ct);
        }
        catch (SqliteException ex) when (ex.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            // Never expected (every term is quoted), but a query must not become an error page.
            logger.LogWarning(ex, "FTS5 refused the search expression {Match}", match);
            return new SearchResults(query, [], 0, QueryWasEmpty: false);
        }
    }

    /// <summary>The page's stories as readers see them, in the order of the hits, with their marked title and snippet.</summary>
    private async Task<SearchResults> ResultsAsync(SearchQuery query, List<HitRow> rows, int total, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return new SearchResults(query, [], total, QueryWasEmpty: false);
        }

        var ids = rows.Select(r => r.Id).ToList();
        var summaries = (await reader.SummariesAsync(reader.Published().Where(s => ids.Contains(s.Id)), ct))
            .ToDictionary(s => s.Id);
        var hits = rows
            .Where(r => summaries.ContainsKey(r.Id))
            .Select(r => new SearchHit(summaries[r.Id], Html(r.Title, summaries[r.Id].Title), SearchMarkup.ToHtml(r.Snippet), r.Score))
            .ToList();
        return new SearchResults(query, hits, total, QueryWasEmpty: false);
    }

    /// <summary>
    /// Stands the index triggers down for the rest of the caller's transaction (other connections
    /// never see it: the flag is written inside the transaction), for a bulk insert that then calls
    /// <see cref="ResumeIndexingAsync"/> to index each new story once.
    /// </summary>
    public static Task SuspendIndexingAsync(StoriesDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            return PostgresStorySearch.SuspendIndexingAsync(db, ct);
        }

        return db.Database.ExecuteSqlRawAsync("""UPDATE "SearchIndexState" SET "Suspended" = 1 WHERE "Id" = 1""", ct);
    }

    /// <summary>
    /// Turns the triggers back on and indexes the given stories with one statement (the row is built
    /// as the migration's triggers build it: title, byline, and every update's headline and paragraphs).
    /// </summary>
    public static async Task ResumeIndexingAsync(StoriesDbContext db, IReadOnlyCollection<long> storyIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(storyIds);
        if (db.Database.IsNpgsql())
        {
            await PostgresStorySearch.ResumeIndexingAsync(db, storyIds, ct);
            return;
        }

        await db.Database.ExecuteSqlRawAsync("""UPDATE "SearchIndexState" SET "Suspended" = 0 WHERE "Id" = 1""", ct);
        if (storyIds.Count > 0)
        {
            // One statement for the whole group: rows of stories that had one (merged stories) go first.
            var ids = System.Text.Json.JsonSerializer.Serialize(storyIds);
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "StorySearch" WHERE "rowid" IN (SELECT "value" FROM json_each({ids}))""", ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "StorySearch" ("rowid", "title", "byline", "body")
                SELECT "s"."Id", "s"."Title", "s"."Byline", coalesce((
                    SELECT group_concat("t", char(10) || char(10)) FROM (
                        SELECT CASE
                                WHEN coalesce("u"."Headline", '') = '' THEN "u"."Body"
                                WHEN "u"."Body" = '' THEN "u"."Headline"
                                ELSE "u"."Headline" || char(10) || char(10) || "u"."Body"
                            END AS "t"
                        FROM "StoryUpdates" AS "u"
                        WHERE "u"."StoryId" = "s"."Id"
                        ORDER BY "u"."Position", "u"."Id")), '')
                FROM "Stories" AS "s"
                WHERE "s"."Id" IN (SELECT "value" FROM json_each({ids}))
                """, ct);
        }
    }

    /// <summary>The query with text clipped, country checked and upper case, years valid and in order, page and size clamped.</summary>
    public static SearchQuery Normalize(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var country = query.CountryCode?.Trim();
        country = country is { Length: 2 } && country.All(char.IsAsciiLetter) ? country.ToUpperInvariant() : null;
        int? from = query.FromYear is >= MinYear and <= MaxYear ? query.FromYear : null;
        int? to = query.ToYear is >= MinYear and <= MaxYear ? query.ToYear : null;
        if (from > to)
        {
            (from, to) = (to, from);
        }

        return new SearchQuery(
            SearchExpression.Clip(query.Text),
            country,
            from,
            to,
            Math.Clamp(query.Page, 1, MaxPage),
            Math.Clamp(query.PageSize, 1, MaxPageSize));
    }

    /// <summary>Parses a year as typed in a URL; anything else is no year.</summary>
    public static int? ParseYear(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= MinYear and <= MaxYear ? year : null;

    /// <summary>Parses a page number as typed in a URL; anything else is page 1, and large numbers the last page served.</summary>
    public static int ParsePage(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Clamp(page, 1, MaxPage)
        : text is { Length: > 0 } && text.Trim().All(char.IsAsciiDigit) ? MaxPage
        : 1;

    /// <summary>The country and year conditions, as constant SQL with fresh parameters for each command.</summary>
    private static (string Sql, Func<SqliteParameter[]> Parameters) Filters(SearchQuery query)
    {
        var sql = new StringBuilder();
        var values = new List<(string Name, object Value)>();
        if (query.CountryCode is { } country)
        {
            sql.Append("""
                
                  AND EXISTS (SELECT 1 FROM "StoryCountries" AS "c" WHERE "c"."StoryId" = "s"."Id" AND "c"."CountryCode" = @country)
                """);
            values.Add(("@country", country));
        }

        if (query.FromYear is not null || query.ToYear is not null)
        {
            // DateValue is 'yyyy-MM-dd' text: the range is whole years, both ends included.
            sql.Append("""
                
                  AND EXISTS (SELECT 1 FROM "StoryUpdates" AS "u" WHERE "u"."StoryId" = "s"."Id" AND "u"."DateValue" >= @from AND "u"."DateValue" <= @to)
                """);
            values.Add(("@from", (query.FromYear ?? MinYear).ToString("0000", CultureInfo.InvariantCulture) + "-01-01"));
            values.Add(("@to", (query.ToYear ?? MaxYear).ToString("0000", CultureInfo.InvariantCulture) + "-12-31"));
        }

        return (sql.ToString(), () => values.Select(v => new SqliteParameter(v.Name, v.Value)).ToArray());
    }

    private static string Html(string? highlighted, string title) =>
        SearchMarkup.ToHtml(string.IsNullOrEmpty(highlighted) ? title : highlighted);

    /// <summary>A row of the page query.</summary>
    internal sealed class HitRow
    {
        public int Id { get; init; }

        public double Score { get; init; }

        public string? Title { get; init; }

        public string? Snippet { get; init; }
    }
}
