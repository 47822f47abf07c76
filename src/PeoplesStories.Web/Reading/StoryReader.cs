using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Archive;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;

namespace PeoplesStories.Web.Reading;

/// <summary>What a story list is narrowed to.</summary>
public sealed record StoryFilter(string? CountryCode = null, string? SectionSlug = null, int Page = 1, int PageSize = StoryReader.DefaultPageSize);

/// <summary>
/// The reader side's queries, shared by pages, feeds and the API: one projected, untracked query
/// each, or on SQLite, where a list or the header is read at start, plain statements. The one place
/// that decides what readers may see: Published stories only.
/// </summary>
public sealed class StoryReader(StoriesDbContext db)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>Stories readers may see.</summary>
    public IQueryable<Story> Published() => db.Stories.AsNoTracking().Where(s => s.State == StoryState.Published);

    /// <summary>
    /// Stories with the most recent update first, undated stories last, then the newest first. SQLite
    /// puts NULL last in a descending order by itself (and its index serves that order); PostgreSQL
    /// puts it first unless asked.
    /// </summary>
    public IOrderedQueryable<Story> NewestFirst(IQueryable<Story> stories) =>
        (db.OnPostgres ? stories.OrderBy(s => s.LatestUpdateOn == null).ThenByDescending(s => s.LatestUpdateOn) : stories.OrderByDescending(s => s.LatestUpdateOn))
            .ThenByDescending(s => s.Id);

    /// <summary>Stories with the most recent updates first, optionally of one country or section.</summary>
    public async Task<PagedList<StorySummary>> ListAsync(StoryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var country = filter.CountryCode is { Length: > 0 } code ? code.ToUpperInvariant() : null;
        var section = filter.SectionSlug is { Length: > 0 } slug ? slug : null;
        if (!db.OnPostgres)
        {
            return await SqliteListAsync(country, section, page, size, cancellationToken);
        }

        var query = Published();
        if (country is not null)
        {
            // Driven from the country's tags (an index on CountryCode), not by testing every story.
            query = db.StoryCountries.AsNoTracking()
                .Where(c => c.CountryCode == country && c.Story.State == StoryState.Published)
                .Select(c => c.Story);
        }

        if (section is not null)
        {
            query = query.Where(s => s.Section.Slug == section);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await SummariesAsync(NewestFirst(query).Skip((page - 1) * size).Take(size), cancellationToken);
        return new PagedList<StorySummary>(items, page, size, total);
    }

    /// <summary>
    /// <see cref="ListAsync"/> on SQLite: the count and the page's ids by two plain statements (the
    /// ones EF Core made of the LINQ query above), then the list items as for a search's page. The
    /// home page is the first page served after a start, and with no LINQ query on its way (nor on the
    /// start's) EF Core's query compiler is not loaded, compiled and run before it: about a fifth of
    /// a start's processor time at 100,000 stories.
    /// </summary>
    private async Task<PagedList<StorySummary>> SqliteListAsync(string? country, string? section, int page, int size, CancellationToken cancellationToken)
    {
        var from = """FROM "Stories" AS "s" """;
        var where = """WHERE "s"."State" = 'Published'""";
        var parameters = new List<(string Name, object Value)>(2);
        if (country is not null)
        {
            from = """FROM "StoryCountries" AS "t" JOIN "Stories" AS "s" ON "s"."Id" = "t"."StoryId" """;
            where += """ AND "t"."CountryCode" = @country""";
            parameters.Add(("@country", country));
        }

        if (section is not null)
        {
            from += """JOIN "Sections" AS "c" ON "c"."Id" = "s"."SectionId" """;
            where += """ AND "c"."Slug" = @section""";
            parameters.Add(("@section", section));
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            int total;
            using (var command = SqliteStatements.Command(db.Database, $"SELECT COUNT(*) {from}{where}", [.. parameters]))
            {
                total = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            var ids = new List<int>(size);
            using (var command = SqliteStatements.Command(db.Database, $"""SELECT "s"."Id" {from}{where} ORDER BY "s"."LatestUpdateOn" DESC, "s"."Id" DESC LIMIT @take OFFSET @skip""",
                       [.. parameters, ("@take", size), ("@skip", (long)(page - 1) * size)]))
            {
                using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (reader.Read())
                {
                    ids.Add(reader.GetInt32(0));
                }
            }

            var items = ids.Count == 0 ? [] : InOrder(ids, SqliteSummaries(ids));
            return new PagedList<StorySummary>(items, page, size, total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// List items for the given stories, in the query's order. Three small queries (the stories,
    /// their countries, their updates) rather than one: a "latest update" per story projected in
    /// one query becomes a window function over every update in the database.
    /// </summary>
    public async Task<IReadOnlyList<StorySummary>> SummariesAsync(IQueryable<Story> stories, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var rows = await stories
            .Select(s => new SummaryRow(s.Id, s.Slug, s.Title, s.Byline, s.Section.Slug, s.Section.Name, s.UpdatedAt))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var countries = await db.StoryCountries.AsNoTracking()
            .Where(c => ids.Contains(c.StoryId))
            .Select(c => new SummaryCountry(c.StoryId, new CountryLink(c.CountryCode, c.Country.Name, c.IsPrimary), c.Mentions))
            .ToListAsync(cancellationToken);

        // The opening needs only the start of the body.
        var updates = await db.StoryUpdates.AsNoTracking()
            .Where(u => ids.Contains(u.StoryId))
            .Select(u => new SummaryUpdate(
                u.StoryId,
                u.Position,
                new DateInfo(u.DateValue, u.DatePrecision, u.DateText, u.DateInferred),
                u.Headline ?? (u.Body.Length > OpeningLength ? u.Body.Substring(0, OpeningLength) : u.Body)))
            .ToListAsync(cancellationToken);
        return Summaries(rows, countries, updates);
    }

    /// <summary>
    /// List items for the published stories among <paramref name="ids"/>, in that order (a search's
    /// page). On SQLite three prepared statements read only what the items show, the latest update's
    /// opening included, where the LINQ queries of <see cref="SummariesAsync(IQueryable{Story}, CancellationToken)"/> cost more
    /// to translate and run than the search itself.
    /// </summary>
    public async Task<IReadOnlyList<StorySummary>> SummariesAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        IReadOnlyList<StorySummary> found;
        if (db.OnPostgres)
        {
            found = await SummariesAsync(Published().Where(s => ids.Contains(s.Id)), cancellationToken);
        }
        else
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                found = SqliteSummaries(ids);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        return InOrder(ids, found);
    }

    /// <summary>The stories of <paramref name="found"/> in the order of <paramref name="ids"/> (an id not found is left out).</summary>
    private static List<StorySummary> InOrder(IReadOnlyList<int> ids, IReadOnlyList<StorySummary> found)
    {
        var byId = found.ToDictionary(s => s.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <summary>
    /// Characters of an update's body read for a list item's opening: as many as
    /// <see cref="ReadText.Opening"/> looks at (a paragraph break ending within its length, or the
    /// characters up to it to cut at a word). SQLite and PostgreSQL count characters, never fewer
    /// than .NET's UTF-16 units.
    /// </summary>
    private static readonly int OpeningLength = ReadText.OpeningLength + StoryUpdate.ParagraphSeparator.Length;

    /// <summary>
    /// The rows of <see cref="Summaries(List{SummaryRow}, List{SummaryCountry}, List{SummaryUpdate})"/>
    /// for the stories <paramref name="ids"/>, by three statements on the open connection, called
    /// through SQLite's C API (<see cref="NativeStatement"/>): the values read as Microsoft.Data.Sqlite
    /// reads them (text as UTF-8, dates and times parsed from their text, booleans as integers).
    /// </summary>
    private List<StorySummary> SqliteSummaries(IReadOnlyList<int> ids)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(ids);
        var rows = new List<SummaryRow>(ids.Count);
        using (var statement = new NativeStatement(db.Database, """
                SELECT "s"."Id", "s"."Slug", "s"."Title", "s"."Byline", "c"."Slug", "c"."Name", "s"."UpdatedAt"
                FROM json_each(?1) AS "j"
                CROSS JOIN "Stories" AS "s" ON "s"."Id" = "j"."value"
                JOIN "Sections" AS "c" ON "c"."Id" = "s"."SectionId"
                WHERE "s"."State" = 'Published'
                """))
        {
            statement.Bind(1, json);
            while (statement.Step())
            {
                rows.Add(new SummaryRow((int)statement.Int64(0), statement.Text(1), statement.Text(2), statement.Text(3), statement.Text(4), statement.Text(5),
                    DateTime.Parse(statement.Text(6), CultureInfo.InvariantCulture)));
            }
        }

        var countries = new List<SummaryCountry>();
        using (var statement = new NativeStatement(db.Database, """
                SELECT "t"."StoryId", "t"."CountryCode", "c"."Name", "t"."IsPrimary", "t"."Mentions"
                FROM json_each(?1) AS "j"
                CROSS JOIN "StoryCountries" AS "t" ON "t"."StoryId" = "j"."value"
                JOIN "Countries" AS "c" ON "c"."Code" = "t"."CountryCode"
                """))
        {
            statement.Bind(1, json);
            while (statement.Step())
            {
                countries.Add(new SummaryCountry((int)statement.Int64(0), new CountryLink(statement.Text(1), statement.Text(2), statement.Int64(3) != 0), (int)statement.Int64(4)));
            }
        }

        // Only each story's latest update, in the order Summaries picks it: dated first, latest date, first position.
        var updates = new List<SummaryUpdate>(ids.Count);
        using (var statement = new NativeStatement(db.Database, $"""
                SELECT "u"."StoryId", "u"."Position", "u"."DateValue", "u"."DatePrecision", "u"."DateText", "u"."DateInferred",
                       coalesce("u"."Headline", substr("u"."Body", 1, {OpeningLength}))
                FROM json_each(?1) AS "j"
                CROSS JOIN "StoryUpdates" AS "u" ON "u"."Id" = (
                    SELECT "v"."Id" FROM "StoryUpdates" AS "v" WHERE "v"."StoryId" = "j"."value"
                    ORDER BY "v"."DateValue" IS NULL, "v"."DateValue" DESC, "v"."Position" LIMIT 1)
                """))
        {
            statement.Bind(1, json);
            while (statement.Step())
            {
                var date = new DateInfo(
                    statement.IsNull(2) ? null : DateOnly.Parse(statement.Text(2), CultureInfo.InvariantCulture),
                    statement.IsNull(3) ? null : Enum.Parse<DatePrecision>(statement.Text(3)),
                    statement.IsNull(4) ? null : statement.Text(4),
                    statement.Int64(5) != 0);
                updates.Add(new SummaryUpdate((int)statement.Int64(0), (int)statement.Int64(1), date, statement.IsNull(6) ? null : statement.Text(6)));
            }
        }

        return Summaries(rows, countries, updates);
    }

    /// <summary>
    /// The list items from their rows: countries primary first, then by mentions and name; the
    /// opening and date of the latest update (dated first, the latest date, then the first). Loops
    /// and sorts of arrays rather than LINQ's lookups and ordered iterators: a search page makes
    /// ten of these on every request.
    /// </summary>
    private static List<StorySummary> Summaries(List<SummaryRow> rows, List<SummaryCountry> countries, List<SummaryUpdate> updates)
    {
        var countriesOf = countries.ToLookup(c => c.StoryId);
        var latestOf = new Dictionary<int, SummaryUpdate>(rows.Count);
        foreach (var update in updates)
        {
            if (!latestOf.TryGetValue(update.StoryId, out var latest) || ComesFirst(update, latest))
            {
                latestOf[update.StoryId] = update;
            }
        }

        var summaries = new List<StorySummary>(rows.Count);
        foreach (var r in rows)
        {
            var tags = countriesOf[r.Id].ToArray();
            Array.Sort(tags, CountryOrder);
            var links = new CountryLink[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                links[i] = tags[i].Link;
            }

            var latest = latestOf.GetValueOrDefault(r.Id);
            summaries.Add(new StorySummary(
                r.Id,
                r.Slug,
                r.Title,
                r.Byline,
                new SectionLink(r.SectionSlug, r.SectionName),
                links,
                latest?.Date ?? new DateInfo(null, null, null, false),
                latest?.Text,
                r.UpdatedAt));
        }

        return summaries;
    }

    /// <summary>Whether <paramref name="update"/> is shown before <paramref name="other"/>: dated first, the later date, then the lower position.</summary>
    private static bool ComesFirst(SummaryUpdate update, SummaryUpdate other) =>
        (update.Date.Value, other.Date.Value) switch
        {
            (null, not null) => false,
            (not null, null) => true,
            ({ } a, { } b) when a != b => a > b,
            _ => update.Position < other.Position,
        };

    /// <summary>A story's countries in the order its tags show them: the primary first, then by mentions, then by name.</summary>
    private static readonly Comparison<SummaryCountry> CountryOrder = (x, y) =>
        x.Link.IsPrimary != y.Link.IsPrimary ? (x.Link.IsPrimary ? -1 : 1)
        : x.Mentions != y.Mentions ? y.Mentions.CompareTo(x.Mentions)
        : string.CompareOrdinal(x.Link.Name, y.Link.Name);

    private sealed record SummaryRow(int Id, string Slug, string Title, string Byline, string SectionSlug, string SectionName, DateTime UpdatedAt);

    private sealed record SummaryCountry(int StoryId, CountryLink Link, int Mentions);

    private sealed record SummaryUpdate(int StoryId, int Position, DateInfo Date, string? Text);

    /// <summary>A published story with every update, or null.</summary>
    public async Task<StoryDetail?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        var row = await Published()
            .Where(s => s.Slug == slug)
            .Select(s => new
            {
                s.Id,
                s.Slug,
                s.Title,
                s.Byline,
                Section = new SectionLink(s.Section.Slug, s.Section.Name),
                Countries = s.Countries.OrderByDescending(c => c.IsPrimary).ThenByDescending(c => c.Mentions).ThenBy(c => c.Country.Name)
                    .Select(c => new CountryLink(c.CountryCode, c.Country.Name, c.IsPrimary)).ToList(),
                Updates = s.Updates.OrderBy(u => u.Position).Select(u => new
                {
                    u.Id,
                    Date = new DateInfo(u.DateValue, u.DatePrecision, u.DateText, u.DateInferred),
                    u.Headline,
                    u.Body,
                    u.BodyHtml,
                    Links = u.Links.OrderBy(l => l.Position).Select(l => new SourceLinkView(l.Url, l.Host)).ToList(),
                }).ToList(),
                s.UpdatedAt,
                s.PublishedAt,
                s.Version,
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var anchors = ReadText.Anchors(row.Updates.Select(u => u.Date));
        var updates = row.Updates.Select((u, i) =>
        {
            var paragraphs = u.Body.Length == 0 ? [] : u.Body.Split(StoryUpdate.ParagraphSeparator);
            return new UpdateDetail(u.Id, u.Date, u.Headline, paragraphs, u.BodyHtml ?? StoryMarkdown.FromParagraphs(paragraphs), u.Links, anchors[i]);
        }).ToList();
        return new StoryDetail(row.Id, row.Slug, row.Title, row.Byline, row.Section, row.Countries, updates, row.UpdatedAt, row.PublishedAt, row.Version);
    }

    /// <summary>
    /// Updates across published stories, newest first (undated last), optionally narrowed to a
    /// country, a section or a date range [from, to). The anchor of each is its story's anchor.
    /// </summary>
    public async Task<PagedList<UpdateEntry>> UpdatesAsync(
        string? countryCode = null,
        string? sectionSlug = null,
        DateOnly? from = null,
        DateOnly? to = null,
        bool undatedOnly = false,
        int page = 1,
        int pageSize = 50,
        DatePrecision? precision = null,
        DatePrecision? atLeast = null,
        CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 500);
        var query = db.StoryUpdates.AsNoTracking().Where(u => u.Story.State == StoryState.Published);
        if (countryCode is { Length: > 0 })
        {
            var upper = countryCode.ToUpperInvariant();
            query = db.StoryCountries.AsNoTracking()
                .Where(c => c.CountryCode == upper && c.Story.State == StoryState.Published)
                .SelectMany(c => c.Story.Updates);
        }

        if (sectionSlug is { Length: > 0 })
        {
            query = query.Where(u => u.Story.Section.Slug == sectionSlug);
        }

        if (undatedOnly)
        {
            query = query.Where(u => u.DateValue == null);
        }

        if (precision is { } exact)
        {
            query = query.Where(u => u.DatePrecision == exact);
        }

        if (atLeast == DatePrecision.Month)
        {
            // A year-only date is stored as 1 January: it belongs to no month.
            query = query.Where(u => u.DatePrecision != DatePrecision.Year);
        }

        if (from is { } start)
        {
            query = query.Where(u => u.DateValue >= start);
        }

        if (to is { } end)
        {
            query = query.Where(u => u.DateValue < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(u => u.DateValue == null ? 0 : 1).ThenByDescending(u => u.DateValue).ThenBy(u => u.StoryId).ThenBy(u => u.Position)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(u => new
            {
                u.Id,
                u.StoryId,
                u.Position,
                u.Story.Slug,
                u.Story.Title,
                u.Story.Byline,
                Date = new DateInfo(u.DateValue, u.DatePrecision, u.DateText, u.DateInferred),
                u.Headline,
                u.Body,
                u.Story.UpdatedAt,
            })
            .ToListAsync(cancellationToken);

        // An update's anchor depends on the dates before it in its story.
        var storyIds = rows.Select(r => r.StoryId).Distinct().ToList();
        var datesByStory = (await db.StoryUpdates.AsNoTracking()
                .Where(u => storyIds.Contains(u.StoryId))
                .OrderBy(u => u.Position)
                .Select(u => new { u.StoryId, u.Id, Date = new DateInfo(u.DateValue, u.DatePrecision, u.DateText, u.DateInferred) })
                .ToListAsync(cancellationToken))
            .GroupBy(u => u.StoryId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Id).Zip(ReadText.Anchors(g.Select(x => x.Date))).ToDictionary(p => p.First, p => p.Second));

        var items = rows.Select(r => new UpdateEntry(
            r.Id, r.Slug, r.Title, r.Byline, r.Date, r.Headline, ReadText.Opening(null, r.Body), datesByStory[r.StoryId][r.Id], r.UpdatedAt)).ToList();
        return new PagedList<UpdateEntry>(items, page, pageSize, total);
    }

    /// <summary>
    /// How many published updates each year and month holds (Month 0: dated to the year only),
    /// newest first, and how many are undated.
    /// </summary>
    public async Task<ArchiveIndex> ArchiveIndexAsync(CancellationToken cancellationToken = default)
    {
        var published = db.StoryUpdates.AsNoTracking().Where(u => u.Story.State == StoryState.Published);
        var periods = await published
            .Where(u => u.DateValue != null)
            .Select(u => new { u.DateValue!.Value.Year, Month = u.DatePrecision == DatePrecision.Year ? 0 : u.DateValue.Value.Month })
            .GroupBy(x => new { x.Year, x.Month })
            .Select(g => new ArchivePeriod(g.Key.Year, g.Key.Month, g.Count()))
            .ToListAsync(cancellationToken);
        var undated = await published.CountAsync(u => u.DateValue == null, cancellationToken);
        return new ArchiveIndex([.. periods.OrderByDescending(p => p.Year).ThenByDescending(p => p.Month)], undated);
    }

    /// <summary>Countries that have published stories, with their story counts and latest update dates.</summary>
    public async Task<IReadOnlyList<CountryStat>> CountriesAsync(CancellationToken cancellationToken = default)
    {
        // One pass over the country tags of published stories, grouped by code alone; the names come
        // from the small Countries table. (Grouped by the country's columns through navigations, the
        // query read every tag once more per country for the latest date: 0.8 s at 100,000 stories.)
        // Plain statements, as the sections below: the header's lists are read at every start.
        var stats = await db.Database.ReadRowsAsync(
            """
            SELECT "t"."CountryCode", COUNT(*), MAX("s"."LatestUpdateOn")
            FROM "StoryCountries" AS "t"
            JOIN "Stories" AS "s" ON "s"."Id" = "t"."StoryId"
            WHERE "s"."State" = 'Published'
            GROUP BY "t"."CountryCode"
            """,
            reader => (Code: reader.GetString(0), Stories: (int)reader.GetInt64(1), Latest: reader.IsDBNull(2) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(2)),
            cancellationToken);
        var countries = (await db.Database.CountryRowsAsync(cancellationToken)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        return [.. stats
            .Where(x => countries.ContainsKey(x.Code))
            .Select(x => (Stat: x, Country: countries[x.Code]))
            .Select(x => new CountryStat(x.Stat.Code, x.Country.Name, x.Country.Region, x.Country.SubRegion, x.Stat.Stories, x.Stat.Latest))
            .OrderBy(x => x.Name, StringComparer.Ordinal)];
    }

    /// <summary>Sections that have published stories, by name, each with its number of published stories.</summary>
    public async Task<IReadOnlyList<SectionStat>> SectionsAsync(CancellationToken cancellationToken = default) =>
        await db.Database.ReadRowsAsync(
            """
            SELECT "c"."Slug", "c"."Name", (
                SELECT COUNT(*) FROM "Stories" AS "s" WHERE "s"."SectionId" = "c"."Id" AND "s"."State" = 'Published')
            FROM "Sections" AS "c"
            WHERE EXISTS (SELECT 1 FROM "Stories" AS "s" WHERE "s"."SectionId" = "c"."Id" AND "s"."State" = 'Published')
            ORDER BY "c"."Name"
            """,
            reader => new SectionStat(reader.GetString(0), reader.GetString(1), (int)reader.GetInt64(2)),
            cancellationToken);
}

public sealed record ArchivePeriod(int Year, int Month, int Updates)
{
    public string Url => Month == 0
        ? "/archive/" + Year.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/archive/{Year}/{Month:D2}");

    public string Label => Month == 0
        ? Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (no month given)"
        : new DateOnly(Year, Month, 1).ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record ArchiveIndex(IReadOnlyList<ArchivePeriod> Periods, int Undated);

public sealed record CountryStat(string Code, string Name, string Region, string SubRegion, int Stories, DateOnly? LatestUpdateOn)
{
    public string Url => "/countries/" + Code.ToLowerInvariant();
}

public sealed record SectionStat(string Slug, string Name, int Stories)
{
    public string Url => "/sections/" + Slug;
}
