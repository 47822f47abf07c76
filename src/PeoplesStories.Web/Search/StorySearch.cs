using System.Buffers;
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
/// The index is the FTS5 table <c>StorySearch</c> (migrations AddStorySearch, AddSearchFilters,
/// AddSearchPlaces): one row per story, rowid = story id; text columns <c>title</c>, <c>byline</c> and
/// <c>body</c> (every update's headline and paragraphs; never source URLs), and filter columns
/// <c>state</c>, <c>countries</c> (codes), <c>years</c> (of the dated updates) and <c>places</c>
/// (each country with each year, <c>KH2015</c>); tokenizer <c>unicode61
/// remove_diacritics 2</c>. Triggers keep it in step with every write, EF Core's or the importer's raw
/// SQL. A search, its filters and its count are one FTS5 expression (the words in the text columns,
/// <c>state : published</c>, the country and years), so no query joins another table per match.
/// </para>
/// <para>
/// Ranking: only the most recent <see cref="RankedCandidates"/> matches are ranked (FTS5 walks the
/// index backwards and stops there), title matches first, then bm25 with the title weighted 10,
/// byline 2, body 1 (see <see cref="Rank"/> for when bm25 is left out), then newest first; the
/// older matches follow newest first. Matches are counted only as far as the pager reaches
/// (<see cref="PagerReach"/>). So no search reads every story that holds a common word: a search
/// costs about the same at 100,000 stories as at 1,000. Highlights and snippets are made for the
/// page shown only.
/// </para>
/// </summary>
public sealed class StorySearch(StoriesDbContext db, StoryReader reader, IndexedPrefixes prefixes, SearchIndexFigures figures, ILogger<StorySearch> logger)
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

    /// <summary>The tokens of the state column: the states' names, as the tokenizer folds them.</summary>
    private static readonly string[] StateTokens = [.. Enum.GetNames<StoryState>().Select(name => name.ToLowerInvariant())];

    /// <summary>
    /// The filter to published stories, as FTS5 applies it cheaply: <c>NOT state : (every other
    /// state)</c>. Few stories are in any other state, so each match is tested against a short list,
    /// where <c>AND state : "published"</c> is a list of nearly every story, read by every search.
    /// </summary>
    private static readonly string PublishedOnly = "NOT state : (" + string.Join(" OR ", StateTokens
        .Where(token => !token.Equals(Published, StringComparison.OrdinalIgnoreCase))
        .Select(token => $"\"{token}\"")) + ")";

    /// <summary>
    /// How many of the most recent matches are ranked (see the class summary).
    /// </summary>
    public const int RankedCandidates = 200;

    /// <summary>Terms in more stories than this are not weighed by bm25 (see <see cref="Rank"/>).</summary>
    public const int RankedTermLimit = 1000;

    /// <summary>
    /// Pages beyond the one shown that the count of matches reaches: matches are counted as far as
    /// that, and at least as far as <see cref="RankedCandidates"/>; beyond it a search says "more
    /// than 200 stories". Counting every match of a word in most of 100,000 stories would take longer
    /// than the rest of the search.
    /// </summary>
    public const int PagerReach = 10;

    private const string Bm25 = """bm25("StorySearch", 10.0, 2.0, 1.0, 0.0, 0.0, 0.0)""";

    /// <summary>
    /// A page of results. The count reaches as far as the pager does from this page, unless
    /// <paramref name="countAll"/> asks for every match to be counted (the API's total).
    /// </summary>
    public async Task<SearchResults> SearchAsync(SearchQuery query, bool countAll = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = Normalize(query);
        if (string.IsNullOrEmpty(query.Text))
        {
            return new SearchResults(query, [], 0, QueryWasEmpty: true);
        }

        var terms = SearchExpression.Parse(query.Text);
        if (db.OnPostgres)
        {
            var (found, count) = await PostgresStorySearch.PageAsync(db, query, terms, Published, ct);
            return await ResultsAsync(query, found, count, ct);
        }

        // Every statement of the search runs on one connection, opened once.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await SqliteSearchAsync(query, terms, countAll, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<SearchResults> SqliteSearchAsync(SearchQuery query, IReadOnlyList<SearchTerm> terms, bool countAll, CancellationToken ct)
    {
        terms = await prefixes.ExpandAsync(db, terms, ct);
        if (MatchText(terms, query) is not var (match, filter))
        {
            return new SearchResults(query, [], 0, QueryWasEmpty: false);
        }

        try
        {
            var offset = (query.Page - 1) * query.PageSize;
            // A country narrows what the ranking's title test reads, and may let the matches be read
            // oldest first (Candidates); a span of years alone holds too many stories to do either.
            var (rows, matched) = Page(terms, query.CountryCode is null ? null : filter, match, offset, query.PageSize);

            // The count is needed for the heading and the pager, even when the page asked for is past the end.
            // It counts as far as the pager reaches from this page, never every match of a common word.
            var reach = countAll ? int.MaxValue - 1 : offset + (query.PageSize * PagerReach);
            var (total, exact) = matched is { } all ? (all, true)
                : rows.Count < query.PageSize && (rows.Count > 0 || offset == 0) ? (offset + rows.Count, true)
                : reach <= RankedCandidates ? (RankedCandidates, false)
                : Count(match, reach);

            if (rows.Count == 0)
            {
                return new SearchResults(query, [], total, QueryWasEmpty: false, exact);
            }

            return await ResultsAsync(query, rows, total, ct, exact, Markup(terms, rows));
        }
        catch (SqliteException ex) when (ex.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            // Never expected (every term is quoted), but a query must not become an error page.
            logger.LogWarning(ex, "FTS5 refused the search expression {Match}", match);
            return new SearchResults(query, [], 0, QueryWasEmpty: false);
        }
    }

    /// <summary>
    /// The FTS5 expression of a search: the words in the text columns, published stories only, and
    /// the country and years asked for (<see cref="Filter"/>); null when nothing can match (no words,
    /// or years outside every dated update).
    /// </summary>
    private (string Match, string? Filter)? MatchText(IReadOnlyList<SearchTerm> terms, SearchQuery query)
    {
        var words = SearchExpression.ToMatch(terms, terms.Any(MayMatchFilterColumns) ? TextColumns : null);
        if (words is null || !Filter(query, out var filter))
        {
            return null;
        }

        var match = new StringBuilder("(").Append(words);
        if (filter is not null)
        {
            match.Append(" AND ").Append(filter);
        }

        return (match.Append(") ").Append(PublishedOnly).ToString(), filter);
    }

    /// <summary>The columns of the stories' text, which a search's words are looked for in.</summary>
    private const string TextColumns = "title byline body";

    /// <summary>
    /// Whether a term could match a token of the filter columns (<c>state</c>: a state's name;
    /// <c>countries</c>: a code of two letters; <c>years</c>: four digits; <c>places</c>: a code and a
    /// year), so its words must be looked for in the text columns only (<c>{title byline body} :</c>).
    /// Any other term matches the text columns alone as it stands, and FTS5 finds it quicker without
    /// the column filter: a phrase's 200 newest matches at 100,000 stories in 300 µs rather than 400.
    /// Errs towards the filter: a word of three characters or fewer, or with a digit.
    /// </summary>
    private static bool MayMatchFilterColumns(SearchTerm term)
    {
        var prefix = term.IsPrefix && term.Expansion is not { Count: > 0 };
        return (term.Expansion is { Count: > 0 } expansion ? expansion : term.Words).Any(word =>
        {
            var folded = SearchHighlighter.Fold(word);
            return folded.Length <= 3 || folded.Any(char.IsAsciiDigit)
                || StateTokens.Any(state => prefix ? state.StartsWith(folded, StringComparison.Ordinal) : state == folded);
        });
    }

    /// <summary>
    /// The country and years of a search as an FTS5 expression (null when it asks for neither):
    /// <c>countries : "KH"</c>; <c>years : ("2015" OR "2016")</c>; with both, the places column's
    /// tokens of that country in those years, <c>places : ("KH2015" OR "KH2016")</c>, a short list
    /// each, where the years' lists hold every story of their year. False when the years are outside
    /// every dated update, so nothing can match.
    /// </summary>
    private bool Filter(SearchQuery query, out string? filter)
    {
        filter = null;
        if (query.FromYear is null && query.ToYear is null)
        {
            filter = query.CountryCode is { } code ? $"countries : \"{code}\"" : null;
            return true;
        }

        // The span kept among the figures serves a search within it. A search reaching beyond it reads
        // the span afresh, so a year written since (even round the site's own writes) is never left out.
        var (from, to) = (query.FromYear ?? MinYear, query.ToYear ?? MaxYear);
        if (!figures.TryGet(YearSpanKey, out (int First, int Last) span) || from < span.First || to > span.Last)
        {
            span = figures.Read(YearSpanKey, YearSpan);
        }

        (from, to) = (Math.Max(from, span.First), Math.Min(to, span.Last));
        if (from > to)
        {
            return false;
        }

        var country = query.CountryCode;
        var tokens = Enumerable.Range(from, to - from + 1).Select(year => $"\"{country}{year.ToString("0000", CultureInfo.InvariantCulture)}\"");
        filter = $"{(country is null ? "years" : "places")} : ({string.Join(" OR ", tokens)})";
        return true;
    }

    /// <summary>The key of <see cref="YearSpan"/> among the <see cref="SearchIndexFigures"/>.</summary>
    private static readonly object YearSpanKey = new();

    /// <summary>
    /// The first and last year of the dated updates (none: an empty span, MaxYear to MinYear). The
    /// years column holds each dated update's year, so a search's span of years is the years of the
    /// data within it.
    /// </summary>
    private (int First, int Last) YearSpan()
    {
        // min and max in subqueries of their own are each one step down the date index; together
        // in one SELECT they would read every update.
        using var command = Command(
            """
            SELECT CAST(substr((SELECT min("DateValue") FROM "StoryUpdates"), 1, 4) AS INTEGER),
                   CAST(substr((SELECT max("DateValue") FROM "StoryUpdates"), 1, 4) AS INTEGER)
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.IsDBNull(0) ? MaxYear : reader.GetInt32(0), reader.IsDBNull(1) ? MinYear : reader.GetInt32(1));
    }

    /// <summary>
    /// The page's ids and scores: from the ranked most recent <see cref="RankedCandidates"/> matches,
    /// then from the older matches, newest first; and how many stories match when that is known
    /// without counting (null when not, or when the page is past the candidates).
    /// </summary>
    private (List<HitRow> Rows, int? Matched) Page(IReadOnlyList<SearchTerm> terms, string? countryFilter, string match, int offset, int limit)
    {
        var rows = new List<HitRow>();
        int? matched = null;
        if (offset < RankedCandidates)
        {
            (var candidates, matched) = Candidates(terms, match, countryFilter);
            var all = candidates.Count <= RankedCandidates;
            if (!all)
            {
                candidates.RemoveRange(RankedCandidates, candidates.Count - RankedCandidates);
            }

            rows.AddRange(Rank(terms, candidates, all, offset, limit));
            if (all)
            {
                return (rows, candidates.Count);
            }
        }

        if (rows.Count < limit)
        {
            var older = Ids(match, limit - rows.Count, Math.Max(offset, RankedCandidates));
            rows.AddRange(older.Select(id => new HitRow { Id = id }));
        }

        return (rows, matched);
    }

    /// <summary>
    /// A country's stories, counted no further than this, are few enough for a search in that
    /// country to read all its matches oldest first (see <see cref="Candidates"/>).
    /// </summary>
    public const int ForwardReadLimit = 2 * (RankedCandidates + 1);

    /// <summary>
    /// The most recent matches, newest first, each with whether every term is in its title (FTS5
    /// tells as it matches: <see cref="InTitleFunction"/>), at least one more than
    /// <see cref="RankedCandidates"/> when there are more (telling that more stories match), and how
    /// many match when every match was read (else null).
    /// <para>
    /// FTS5 reads an index list backwards a page at a time, parsing the page to its end before its
    /// first step back, for every jump along the list; forwards a jump parses only up to the entry
    /// it lands on. A search in a country jumps along a common word's list from one of the country's
    /// stories to the next, so when the country has at most <see cref="ForwardReadLimit"/> stories
    /// (counted on its own short list), its matches are read oldest first, all of them, in about
    /// half the time of reading the newest backwards (whether it has so few is counted once until
    /// the content changes: <see cref="SearchIndexFigures"/>). Otherwise FTS5 walks backwards and
    /// stops at the limit.
    /// </para>
    /// </summary>
    private (List<Candidate> Candidates, int? Matched) Candidates(IReadOnlyList<SearchTerm> terms, string match, string? countryFilter)
    {
        var inTitle = $"""{InTitleFunction.Name}("StorySearch", {string.Join(", ", SearchExpression.PhraseCounts(terms))})""";
        if (countryFilter is not null && figures.Get(new ForwardReadKey(countryFilter), () => Count(countryFilter, ForwardReadLimit).Exact))
        {
            var all = Candidates($"""SELECT "rowid", {inTitle} FROM "StorySearch" WHERE "StorySearch" MATCH ?1 ORDER BY "rowid" """, match);
            all.Reverse();
            return (all, all.Count);
        }

        // One more than the candidates tells whether more stories match.
        return (Candidates($"""SELECT "rowid", {inTitle} FROM "StorySearch" WHERE "StorySearch" MATCH ?1 ORDER BY "rowid" DESC LIMIT ?2""", match, RankedCandidates + 1), null);
    }

    /// <summary>
    /// The candidates a statement reads (its MATCH expression <paramref name="match"/>, and its limit
    /// when given): each row's id, and whether every term is in its title.
    /// </summary>
    private List<Candidate> Candidates(string sql, string match, int? limit = null)
    {
        var candidates = new List<Candidate>(RankedCandidates + 1);
        using var statement = new NativeStatement(db.Database, sql);
        statement.Bind(1, match);
        if (limit is { } most)
        {
            statement.Bind(2, most);
        }

        while (statement.Step())
        {
            candidates.Add(new Candidate((int)statement.Int64(0), statement.Int64(1) == 1));
        }

        return candidates;
    }

    /// <summary>A match to be ranked: its story, and whether every term is in its title.</summary>
    private readonly record struct Candidate(int Id, bool InTitle);

    /// <summary>The key of whether a country filter (as an FTS5 expression) holds few enough stories to read forwards.</summary>
    private sealed record ForwardReadKey(string CountryFilter);

    /// <summary>Ids of the matches, newest first: FTS5 walks the index backwards and stops at the limit.</summary>
    private List<int> Ids(string match, int limit, int offset)
    {
        using var command = Command(
            """
            SELECT "rowid" FROM "StorySearch" WHERE "StorySearch" MATCH @match
            ORDER BY "rowid" DESC LIMIT @limit OFFSET @offset
            """,
            ("@match", match),
            ("@limit", limit),
            ("@offset", offset));
        return Ints(command);
    }

    /// <summary>
    /// How many stories match, counted no further than <paramref name="limit"/>: exact below it, else
    /// the limit and false.
    /// </summary>
    private (int Total, bool Exact) Count(string match, int limit)
    {
        using var command = Command(
            """
            SELECT count(*) FROM (
                SELECT 1 FROM "StorySearch" WHERE "StorySearch" MATCH @match LIMIT @limit)
            """,
            ("@match", match),
            ("@limit", limit + 1));
        var counted = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return counted > limit ? (limit, false) : (counted, true);
    }

    /// <summary>
    /// A command on the search's open connection. SQLite answers on the calling thread whether asked
    /// synchronously or not, so the search's statements run synchronously.
    /// </summary>
    private SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object Value)> parameters) =>
        SqliteStatements.Command(db.Database, sql, parameters);

    /// <summary>The first column of every row, as integers.</summary>
    private static List<int> Ints(SqliteCommand command)
    {
        var values = new List<int>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetInt32(0));
        }

        return values;
    }

    /// <summary>
    /// The candidates in rank order: title matches first, then by bm25 (title weighted 10, byline 2,
    /// body 1), then newest first.
    /// <para>
    /// bm25 weighs each term by how few stories hold it, and FTS5 finds that by reading every story
    /// that holds the term, on every search: for a word in most stories, that is most of the index.
    /// Such a word also weighs almost nothing in bm25 (no weight at all past half the stories), so
    /// bm25 is used only when the candidates are every match (<paramref name="all"/>) and every term
    /// is in at most <see cref="RankedTermLimit"/> stories, and only over the words, never the filters (a filter such as <c>state : published</c> is in nearly
    /// every story). Otherwise the candidates are ranked by title, then newest first.
    /// </para>
    /// <para>
    /// The candidates (newest first, as read) are sorted where they are, and only the page's rows
    /// (<paramref name="offset"/>, <paramref name="limit"/>) are made.
    /// </para>
    /// </summary>
    private List<HitRow> Rank(IReadOnlyList<SearchTerm> terms, List<Candidate> candidates, bool all, int offset, int limit)
    {
        if (candidates.Count <= offset)
        {
            return [];
        }

        var scores = new Dictionary<int, double>();
        if (all && Selective(terms))
        {
            using var command = Command(
                $"""
                SELECT "rowid", {Bm25}
                FROM "StorySearch" WHERE "StorySearch" MATCH @words AND "rowid" BETWEEN @first AND @last
                """,
                ("@words", SearchExpression.ToMatch(terms, TextColumns)!),
                ("@first", candidates[^1].Id),
                ("@last", candidates[0].Id));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                scores[reader.GetInt32(0)] = reader.GetDouble(1);
            }
        }

        // Sorted where they are: the candidates are the search's own, and the page is read from them.
        candidates.Sort(scores.Count == 0 ? ByTitleThenNewest : (a, b) => Compare(a, b, scores));
        var page = new List<HitRow>(Math.Min(limit, candidates.Count - offset));
        for (var i = offset; i < candidates.Count && page.Count < limit; i++)
        {
            page.Add(new HitRow { Id = candidates[i].Id, Score = scores.GetValueOrDefault(candidates[i].Id) });
        }

        return page;
    }

    /// <summary>The rank order without bm25: title matches first, then newest first.</summary>
    private static readonly Comparison<Candidate> ByTitleThenNewest = (a, b) => Compare(a, b, null);

    /// <summary>The rank order: title matches first, then by bm25 score (lower is better; none is 0), then newest first.</summary>
    private static int Compare(Candidate a, Candidate b, Dictionary<int, double>? scores)
    {
        if (a.InTitle != b.InTitle)
        {
            return a.InTitle ? -1 : 1;
        }

        var byScore = scores is null ? 0 : scores.GetValueOrDefault(a.Id).CompareTo(scores.GetValueOrDefault(b.Id));
        return byScore != 0 ? byScore : b.Id.CompareTo(a.Id);
    }

    /// <summary>
    /// Whether every term is in at most <see cref="RankedTermLimit"/> stories. Each term is counted
    /// no further, once until the content changes (<see cref="SearchIndexFigures"/>): counting a word
    /// in most stories as far as that took about a quarter of a millisecond, on every search with it.
    /// </summary>
    private bool Selective(IReadOnlyList<SearchTerm> terms)
    {
        foreach (var term in terms)
        {
            var match = SearchExpression.ToMatch([term], TextColumns)!;
            if (!figures.Get(new SelectiveKey(match), () => Count(match, RankedTermLimit).Exact))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The key of whether a term (as an FTS5 expression) is in few enough stories for bm25.</summary>
    private sealed record SelectiveKey(string Match);

    /// <summary>
    /// Highlighted titles and snippets of the page's stories as HTML, by id: each story's indexed
    /// title and body read by rowid (one prepared statement), marked by <see cref="SearchHighlighter"/>
    /// as FTS5's highlight() and snippet() would mark them, without FTS5 finding the matches again
    /// in each story and tokenizing its body for each function. The text is decoded from SQLite's
    /// own bytes into a pooled buffer: read as strings, the bodies were a quarter of what a search
    /// allocated, and only the snippet of each is kept.
    /// </summary>
    private Dictionary<int, MarkedHit> Markup(IReadOnlyList<SearchTerm> terms, List<HitRow> rows)
    {
        using var highlighter = new SearchHighlighter(terms);
        var marked = new Dictionary<int, MarkedHit>(rows.Count);
        using var statement = new NativeStatement(db.Database, """SELECT "title", "body" FROM "StorySearch" WHERE "rowid" = ?1""");
        foreach (var row in rows)
        {
            statement.Bind(1, row.Id);
            if (statement.Step())
            {
                var title = Decode(statement.Bytes(0), out var titleBuffer);
                var titleHtml = title.IsEmpty ? null : highlighter.HighlightHtml(title);
                ArrayPool<char>.Shared.Return(titleBuffer);
                var body = Decode(statement.Bytes(1), out var bodyBuffer);
                marked[row.Id] = new MarkedHit(titleHtml, highlighter.SnippetHtml(body, SnippetTokens));
                ArrayPool<char>.Shared.Return(bodyBuffer);
            }

            statement.Reset();
        }

        return marked;
    }

    /// <summary>UTF-8 text as SQLite holds it, decoded into a pooled buffer (which the caller returns), as Microsoft.Data.Sqlite decodes a string.</summary>
    private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8, out char[] buffer)
    {
        buffer = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        return buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, buffer));
    }

    /// <summary>A story's marked title (null when its indexed title is empty) and snippet, as HTML.</summary>
    private sealed record MarkedHit(string? TitleHtml, string SnippetHtml);

    /// <summary>
    /// The page's stories as readers see them, in the order of the hits, with their marked title and
    /// snippet: the HTML of <paramref name="markup"/> where it has the story, else the hit row's marked text.
    /// </summary>
    private async Task<SearchResults> ResultsAsync(SearchQuery query, List<HitRow> rows, int total, CancellationToken ct, bool exact = true, Dictionary<int, MarkedHit>? markup = null)
    {
        if (rows.Count == 0)
        {
            return new SearchResults(query, [], total, QueryWasEmpty: false, exact);
        }

        var ids = rows.Select(r => r.Id).ToList();
        var summaries = (await reader.SummariesAsync(ids, ct)).ToDictionary(s => s.Id);
        var hits = new List<SearchHit>(rows.Count);
        foreach (var row in rows)
        {
            if (summaries.TryGetValue(row.Id, out var summary))
            {
                hits.Add(markup?.GetValueOrDefault(row.Id) is { } html
                    ? new SearchHit(summary, html.TitleHtml ?? SearchMarkup.ToHtml(summary.Title), html.SnippetHtml, row.Score)
                    : new SearchHit(summary, Html(row.Title, summary.Title), SearchMarkup.ToHtml(row.Snippet), row.Score));
            }
        }

        return new SearchResults(query, hits, total, QueryWasEmpty: false, exact);
    }

    /// <summary>Stories indexed by one import run from which the run ends by merging the SQLite index (<see cref="MergeIndexAsync"/>).</summary>
    public const int MergeAfterStories = 1000;

    /// <summary>
    /// Rewrites the SQLite index as one segment (FTS5's <c>optimize</c>). A large import leaves it in
    /// many segments, and a search reads a word's list in each of them, for every statement: at
    /// 100,000 stories the highlighted titles and snippets of a page cost three times as much. It
    /// takes about a second per 100,000 stories, so small imports and edits leave the index to
    /// FTS5's own merging.
    /// </summary>
    public static async Task MergeIndexAsync(StoriesDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.OnPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "StorySearch" ("StorySearch") VALUES ('optimize')""", ct);
        }
    }

    /// <summary>
    /// Turns FTS5's merging of the SQLite index as it is written (<c>automerge</c>, a setting kept in
    /// the index) off for an import run, and back to FTS5's default after it. Each file's stories
    /// become a segment of the index; merged as the run goes, they were merged again and again (about
    /// a tenth of a 100,000-story import), where the run's end merges them once
    /// (<see cref="MergeIndexAsync"/>) or leaves a small run's few to the merging of later writes.
    /// </summary>
    public static async Task SetMergingAsync(StoriesDbContext db, bool on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.OnPostgres)
        {
            await (on
                ? db.Database.ExecuteSqlRawAsync("""INSERT INTO "StorySearch" ("StorySearch", "rank") VALUES ('automerge', 4)""", ct)
                : db.Database.ExecuteSqlRawAsync("""INSERT INTO "StorySearch" ("StorySearch", "rank") VALUES ('automerge', 0)""", ct));
        }
    }

    /// <summary>
    /// Stands the index triggers down for the rest of the caller's transaction (other connections
    /// never see it: it all happens inside the transaction), for a bulk insert that then calls
    /// <see cref="ResumeIndexingAsync"/> to index each new story once.
    /// <para>
    /// On SQLite the triggers that fire on inserts are also set aside (dropped, and created again
    /// word for word by <see cref="ResumeIndexingAsync"/> before the transaction commits; a rollback
    /// restores them too). A trigger on a table, even one whose WHEN is false, makes every INSERT into
    /// it keep a statement journal; inside the importer's savepoint per file that journal is a
    /// temporary file, written page by page for every row, which cost more than the rows themselves.
    /// </para>
    /// </summary>
    public static async Task<SuspendedIndexing> SuspendIndexingAsync(StoriesDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.OnPostgres)
        {
            await PostgresStorySearch.SuspendIndexingAsync(db, ct);
            return new SuspendedIndexing([]);
        }

        await db.Database.ExecuteSqlRawAsync("""UPDATE "SearchIndexState" SET "Suspended" = 1 WHERE "Id" = 1""", ct);
        var triggers = await db.Database.SqlQueryRaw<TriggerDefinition>(
                """
                SELECT "name" AS "Name", "sql" AS "Sql" FROM "sqlite_master"
                WHERE "type" = 'trigger' AND "name" IN ('StorySearch_StoryInsert', 'StorySearch_UpdateInsert', 'StorySearch_CountryInsert')
                ORDER BY "rowid"
                """)
            .ToListAsync(ct);
        foreach (var trigger in triggers)
        {
#pragma warning disable EF1002 // The name comes from sqlite_master and is one of three constants above.
            await db.Database.ExecuteSqlRawAsync($"""DROP TRIGGER "{trigger.Name}";""", ct);
#pragma warning restore EF1002
        }

        return new SuspendedIndexing(triggers);
    }

    /// <summary>
    /// While indexing is suspended, indexes new stories (SQLite) from the values the caller holds,
    /// without reading them back: rows as <see cref="BodyUtf8"/>, <see cref="CountriesText"/>,
    /// <see cref="YearsText"/> and <see cref="PlacesText"/> build them, equal to the triggers' own.
    /// </summary>
    public static void IndexNewStories(StoriesDbContext db, IEnumerable<SearchRow> rows)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        SqliteSearchRows.Insert(db, rows);
    }

    /// <summary>
    /// Turns the triggers back on and indexes the given stories with one statement (the row is built
    /// as the migration's triggers build it: title, byline, every update's headline and paragraphs,
    /// state, country codes, and the years of the dated updates).
    /// </summary>
    public static async Task ResumeIndexingAsync(StoriesDbContext db, SuspendedIndexing suspended, IReadOnlyCollection<long> storyIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(suspended);
        ArgumentNullException.ThrowIfNull(storyIds);
        if (db.OnPostgres)
        {
            await PostgresStorySearch.ResumeIndexingAsync(db, storyIds, ct);
            return;
        }

        foreach (var trigger in suspended.Triggers)
        {
#pragma warning disable EF1002 // The trigger's own definition, as SQLite kept it.
            await db.Database.ExecuteSqlRawAsync(trigger.Sql, ct);
#pragma warning restore EF1002
        }

        await db.Database.ExecuteSqlRawAsync("""UPDATE "SearchIndexState" SET "Suspended" = 0 WHERE "Id" = 1""", ct);
        if (storyIds.Count > 0)
        {
            // One statement for the whole group: rows of stories that had one (merged stories) go first.
            // The group's ids drive the insert (CROSS JOIN), whatever the planner's statistics say.
            var ids = System.Text.Json.JsonSerializer.Serialize(storyIds);
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "StorySearch" WHERE "rowid" IN (SELECT "value" FROM json_each({ids}))""", ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "StorySearch" ("rowid", "title", "byline", "body", "state", "countries", "years", "places")
                SELECT "s"."Id", "s"."Title", "s"."Byline",
                    coalesce((
                        SELECT group_concat("t", char(10) || char(10)) FROM (
                            SELECT CASE
                                    WHEN coalesce("u"."Headline", '') = '' THEN "u"."Body"
                                    WHEN "u"."Body" = '' THEN "u"."Headline"
                                    ELSE "u"."Headline" || char(10) || char(10) || "u"."Body"
                                END AS "t"
                            FROM "StoryUpdates" AS "u"
                            WHERE "u"."StoryId" = "s"."Id"
                            ORDER BY "u"."Position", "u"."Id")), ''),
                    "s"."State",
                    coalesce((SELECT group_concat("c"."CountryCode", ' ') FROM "StoryCountries" AS "c" WHERE "c"."StoryId" = "s"."Id"), ''),
                    coalesce((SELECT group_concat(DISTINCT substr("u"."DateValue", 1, 4)) FROM "StoryUpdates" AS "u"
                              WHERE "u"."StoryId" = "s"."Id" AND "u"."DateValue" IS NOT NULL), ''),
                    coalesce((SELECT group_concat("p", ' ') FROM (
                        SELECT DISTINCT "c"."CountryCode" || substr("u"."DateValue", 1, 4) AS "p"
                        FROM "StoryCountries" AS "c" JOIN "StoryUpdates" AS "u" ON "u"."StoryId" = "c"."StoryId"
                        WHERE "c"."StoryId" = "s"."Id" AND "u"."DateValue" IS NOT NULL
                        ORDER BY "p")), '')
                FROM json_each({ids}) AS "j" CROSS JOIN "Stories" AS "s" ON "s"."Id" = "j"."value"
                """, ct);
        }
    }

    /// <summary>What joins the parts of the body column, as the triggers' <c>char(10) || char(10)</c>.</summary>
    private const string BlankLine = "\n\n";

    /// <summary>
    /// The body column from a story's updates in order (headline, then body, as stored), as UTF-8:
    /// each update's headline and body joined by a blank line, either alone when the other is empty,
    /// and the updates joined by a blank line, as the triggers' SQL joins them. Encoded in one pass
    /// into a pooled buffer and copied out once (an import makes one for every story).
    /// </summary>
    public static byte[] BodyUtf8(IReadOnlyList<(string? Headline, string Body)> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var most = 0;
        foreach (var (headline, body) in updates)
        {
            most += Encoding.UTF8.GetMaxByteCount((headline?.Length ?? 0) + body.Length + (2 * BlankLine.Length));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(most);
        var at = 0;
        for (var i = 0; i < updates.Count; i++)
        {
            var (headline, body) = updates[i];
            if (i > 0)
            {
                at += Encoding.UTF8.GetBytes(BlankLine, buffer.AsSpan(at));
            }

            if (!string.IsNullOrEmpty(headline))
            {
                at += Encoding.UTF8.GetBytes(headline, buffer.AsSpan(at));
                if (body.Length > 0)
                {
                    at += Encoding.UTF8.GetBytes(BlankLine, buffer.AsSpan(at));
                }
            }

            at += Encoding.UTF8.GetBytes(body, buffer.AsSpan(at));
        }

        var bytes = buffer.AsSpan(0, at).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        return bytes;
    }

    /// <summary>The countries column: the story's country codes in code order, space separated (the order of the table's key).</summary>
    public static string CountriesText(IEnumerable<string> codes) =>
        string.Join(' ', codes.Order(StringComparer.Ordinal));

    /// <summary>Each year of the updates' dates (yyyy-MM-dd, in update order) once, in the order first seen.</summary>
    public static IReadOnlyList<string> Years(IEnumerable<string?> dateValues)
    {
        ArgumentNullException.ThrowIfNull(dateValues);
        var years = new List<string>();
        foreach (var date in dateValues)
        {
            if (date is not null)
            {
                var year = date.Length > 4 ? date[..4] : date;
                if (!years.Contains(year, StringComparer.Ordinal))
                {
                    years.Add(year);
                }
            }
        }

        return years;
    }

    /// <summary>The years column: the <see cref="Years"/> comma separated, as SQL's group_concat(DISTINCT) gives them.</summary>
    public static string YearsText(IReadOnlyList<string> years) => string.Join(',', years);

    /// <summary>
    /// The places column: each country code followed by each of the <see cref="Years"/>, in order,
    /// space separated, as the triggers' SQL builds it.
    /// </summary>
    public static string PlacesText(IEnumerable<string> codes, IReadOnlyList<string> years)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(years);
        return string.Join(' ', codes.SelectMany(code => years.Select(year => code + year)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
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

    private static string Html(string? highlighted, string title) =>
        SearchMarkup.ToHtml(string.IsNullOrEmpty(highlighted) ? title : highlighted);

    /// <summary>What <see cref="SuspendIndexingAsync"/> set aside, for <see cref="ResumeIndexingAsync"/> to put back.</summary>
    public sealed class SuspendedIndexing
    {
        internal SuspendedIndexing(IReadOnlyList<TriggerDefinition> triggers) => Triggers = triggers;

        internal IReadOnlyList<TriggerDefinition> Triggers { get; }
    }

    /// <summary>A trigger as sqlite_master holds it.</summary>
    internal sealed class TriggerDefinition
    {
        public string Name { get; init; } = "";

        public string Sql { get; init; } = "";
    }

    /// <summary>A row of the page query.</summary>
    internal sealed class HitRow
    {
        public int Id { get; init; }

        public double Score { get; init; }

        public string? Title { get; init; }

        public string? Snippet { get; init; }
    }
}
