using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Search;

/// <summary>
/// The search on PostgreSQL: what <see cref="StorySearch"/> asks of the database when the site runs on
/// it, over the index of the Postgres migration AddStorySearch (table <c>StorySearch</c>, a tsvector with
/// a GIN index, text search configuration <c>stories</c>: unaccent, then simple). The same features as
/// FTS5: every term must match, phrases (<c>&lt;-&gt;</c>), prefixes (<c>:*</c>), title matches first and
/// then ts_rank with title, byline and body weighted 10, 2 and 1 (as bm25's weights on SQLite), highlighted
/// title and snippet (ts_headline, marked as <see cref="SearchMarkup"/> reads), country and year filters.
/// </summary>
public static class PostgresStorySearch
{
    // Arrays are written as ARRAY[...], not '{...}' literals: EF Core reads braces in raw SQL as format items.

    /// <summary>ts_rank's weights for D, C, B, A: body 0.1, byline 0.2, title 1.0.</summary>
    private const string Weights = "ARRAY[0.1, 0.2, 0.4, 1.0]::real[]";

    /// <summary>The title's weight, for ts_filter: a story whose title alone matches comes first.</summary>
    private const string TitleWeight = "ARRAY['a']::\"char\"[]";

    private static readonly string TitleOptions = string.Create(
        CultureInfo.InvariantCulture, $"StartSel={SearchMarkup.Open}, StopSel={SearchMarkup.Close}, HighlightAll=true");

    private static readonly string SnippetOptions = string.Create(
        CultureInfo.InvariantCulture,
        $"StartSel={SearchMarkup.Open}, StopSel={SearchMarkup.Close}, MaxWords={StorySearch.SnippetTokens}, MinWords={StorySearch.SnippetTokens / 2}, ShortWord=0");

    /// <summary>
    /// ts_headline of a text column. ts_headline drops what its parser reads as an HTML tag, so <c>&lt;</c>
    /// is swapped for a control character stored text never holds, and back, to keep the text as stored.
    /// </summary>
    private static string Headline(string column, string options) =>
        $"replace(ts_headline('stories', replace({column}, '<', chr(1)), to_tsquery('stories', @query), {options}), chr(1), '<')";

    /// <summary>
    /// The tsquery text for the terms, e.g. <c>('human' &lt;-&gt; 'rights') &amp; 'journ':*</c>. Every word is
    /// a quoted lexeme, so nothing typed is read as tsquery syntax; to_tsquery folds case and accents.
    /// </summary>
    public static string ToTsQuery(IReadOnlyList<SearchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var builder = new StringBuilder();
        foreach (var term in terms)
        {
            if (builder.Length > 0)
            {
                builder.Append(" & ");
            }

            builder.Append('(');
            for (var i = 0; i < term.Words.Count; i++)
            {
                builder.Append(i > 0 ? " <-> '" : "'")
                    .Append(term.Words[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal))
                    .Append('\'');
            }

            builder.Append(term.IsPrefix ? ":*)" : ")");
        }

        return builder.ToString();
    }

    /// <summary>One page of hits (best first) and the number of matching published stories.</summary>
    internal static async Task<(List<StorySearch.HitRow> Rows, int Total)> PageAsync(
        StoriesDbContext db, SearchQuery query, IReadOnlyList<SearchTerm> terms, string published, CancellationToken ct)
    {
        var tsQuery = ToTsQuery(terms);
        var filters = Filters(query);
        var offset = (query.Page - 1) * query.PageSize;

        // The page is chosen first; only its rows pay for ts_headline.
        var pageSql = $"""
            SELECT p."Id", p."Score",
                   {Headline("s.\"Title\"", "@titleOptions")} AS "Title",
                   {Headline("ss.\"Body\"", "@snippetOptions")} AS "Snippet"
            FROM (
                SELECT ss."StoryId" AS "Id",
                       ts_rank({Weights}, ss."Document", to_tsquery('stories', @query))::double precision AS "Score",
                       ts_filter(ss."Document", {TitleWeight}) @@ to_tsquery('stories', @query) AS "InTitle"
                FROM "StorySearch" AS ss
                JOIN "Stories" AS s ON s."Id" = ss."StoryId"
                WHERE ss."Document" @@ to_tsquery('stories', @query) AND s."State" = @published{filters.Sql}
                ORDER BY "InTitle" DESC, "Score" DESC, ss."StoryId"
                LIMIT @limit OFFSET @offset) AS p
            JOIN "Stories" AS s ON s."Id" = p."Id"
            JOIN "StorySearch" AS ss ON ss."StoryId" = p."Id"
            ORDER BY p."InTitle" DESC, p."Score" DESC, p."Id"
            """;
        var rows = await db.Database.SqlQueryRaw<StorySearch.HitRow>(
                pageSql,
                [
                    new NpgsqlParameter("query", tsQuery),
                    new NpgsqlParameter("published", published),
                    new NpgsqlParameter("titleOptions", TitleOptions),
                    new NpgsqlParameter("snippetOptions", SnippetOptions),
                    new NpgsqlParameter("limit", query.PageSize),
                    new NpgsqlParameter("offset", offset),
                    .. filters.Parameters(),
                ])
            .ToListAsync(ct);

        // As on SQLite: the count is only asked for when the page does not tell it.
        var countSql = $"""
            SELECT COUNT(*)::integer AS "Value"
            FROM "StorySearch" AS ss
            JOIN "Stories" AS s ON s."Id" = ss."StoryId"
            WHERE ss."Document" @@ to_tsquery('stories', @query) AND s."State" = @published{filters.Sql}
            """;
        var total = rows.Count < query.PageSize && (rows.Count > 0 || offset == 0)
            ? offset + rows.Count
            : await db.Database.SqlQueryRaw<int>(
                    countSql,
                    [new NpgsqlParameter("query", tsQuery), new NpgsqlParameter("published", published), .. filters.Parameters()])
                .SingleAsync(ct);
        return (rows, total);
    }

    /// <summary>Turns the index triggers off for the rest of the caller's transaction (a bulk import).</summary>
    public static Task SuspendIndexingAsync(StoriesDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync("SELECT set_config('stories.search_suspended', 'on', true)", ct);
    }

    /// <summary>Turns the triggers back on and indexes the given stories with one statement.</summary>
    public static async Task ResumeIndexingAsync(StoriesDbContext db, IReadOnlyCollection<long> storyIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(storyIds);
        await db.Database.ExecuteSqlRawAsync("SELECT set_config('stories.search_suspended', 'off', true)", ct);
        if (storyIds.Count > 0)
        {
            var ids = storyIds.Select(id => checked((int)id)).ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT stories_search_refresh({ids})", ct);
        }
    }

    /// <summary>The country and year conditions, with fresh parameters for each command.</summary>
    private static (string Sql, Func<NpgsqlParameter[]> Parameters) Filters(SearchQuery query)
    {
        var sql = new StringBuilder();
        var values = new List<Func<NpgsqlParameter>>();
        if (query.CountryCode is { } country)
        {
            sql.Append("""
                
                  AND EXISTS (SELECT 1 FROM "StoryCountries" AS c WHERE c."StoryId" = s."Id" AND c."CountryCode" = @country)
                """);
            values.Add(() => new NpgsqlParameter("country", country));
        }

        if (query.FromYear is not null || query.ToYear is not null)
        {
            sql.Append("""
                
                  AND EXISTS (SELECT 1 FROM "StoryUpdates" AS u WHERE u."StoryId" = s."Id" AND u."DateValue" BETWEEN @from AND @to)
                """);
            var from = new DateOnly(query.FromYear ?? StorySearch.MinYear, 1, 1);
            var to = new DateOnly(query.ToYear ?? StorySearch.MaxYear, 12, 31);
            values.Add(() => new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = from });
            values.Add(() => new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = to });
        }

        return (sql.ToString(), () => values.Select(v => v()).ToArray());
    }
}
