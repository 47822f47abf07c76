using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Archive;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;
using SQLitePCL;

namespace PeoplesStories.Web.Import;

/// <summary>
/// Inserts new stories inside the importer's transaction with SQLite statements prepared once
/// and bound by position: the bulk path of an import, where EF Core's change tracking and
/// ADO.NET's by-name parameter binding would cost more than SQLite's own work. Values are
/// written in the forms EF Core's SQLite mapping reads (enums as names, dates as ISO text).
/// </summary>
internal sealed class StoryBulkWriter : IStoryBulkWriter
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private readonly sqlite3 handle;
    private readonly sqlite3_stmt story;
    private readonly sqlite3_stmt update;
    private readonly sqlite3_stmt link;
    private readonly sqlite3_stmt country;
    private readonly sqlite3_stmt revision;
    private byte[] utf8 = new byte[16 * 1024];
    private DateTime formattedAt;
    private string formattedNow = "";

    public StoryBulkWriter(StoriesDbContext db)
    {
        if (db.Database.CurrentTransaction is null || db.Database.GetDbConnection() is not SqliteConnection connection || connection.Handle is null)
        {
            throw new InvalidOperationException("The bulk writer runs on an open SQLite connection, inside the import's transaction.");
        }

        handle = connection.Handle;
        story = Prepare("""
            INSERT INTO "Stories" ("Slug", "Title", "Byline", "MatchKey", "SectionId", "State", "SourceFile", "SourceLine", "CreatedAt", "UpdatedAt", "PublishedAt", "LatestUpdateOn", "Version")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?9, ?10, 1)
            """);
        update = Prepare("""
            INSERT INTO "StoryUpdates" ("StoryId", "Position", "DateValue", "DatePrecision", "DateText", "DateInferred", "Headline", "Body", "MatchKey", "SourceLine")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """);
        link = Prepare("""
            INSERT INTO "SourceLinks" ("StoryUpdateId", "Position", "Url", "Host", "DateValue", "DatePrecision") VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """);
        country = Prepare("""
            INSERT INTO "StoryCountries" ("StoryId", "CountryCode", "Mentions", "IsPrimary") VALUES (?1, ?2, ?3, ?4)
            """);
        revision = Prepare("""
            INSERT INTO "StoryRevisions" ("StoryId", "Number", "Kind", "Author", "CreatedAt", "Summary") VALUES (?1, 1, ?2, ?3, ?4, ?5)
            """);
    }

    /// <summary>Inserts a story with its updates, links, countries and first revision ("imported from FILE:LINE"); returns the story's id.</summary>
    public long Insert(PreparedStory prepared, string slug, int sectionId, DateTime now)
    {
        var incoming = prepared.Story;
        if (now != formattedAt)
        {
            formattedAt = now;
            formattedNow = now.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
        }

        Text(story, 1, slug);
        Text(story, 2, incoming.Title);
        Text(story, 3, incoming.Byline);
        Text(story, 4, prepared.Key);
        Integer(story, 5, sectionId);
        Text(story, 6, nameof(StoryState.Published));
        Text(story, 7, incoming.File);
        Integer(story, 8, incoming.Line);
        Text(story, 9, formattedNow);
        Text(story, 10, prepared.LatestUpdateOn);
        var storyId = Run(story);

        for (var position = 0; position < incoming.Updates.Count; position++)
        {
            var u = incoming.Updates[position];
            var p = prepared.Updates[position];
            Integer(update, 1, storyId);
            Integer(update, 2, position);
            Text(update, 3, p.DateValue);
            Text(update, 4, p.DatePrecision);
            Text(update, 5, u.DateText);
            Integer(update, 6, u.DateInferred ? 1 : 0);
            Text(update, 7, u.Headline);
            Text(update, 8, p.Body);
            Text(update, 9, p.MatchKey);
            Integer(update, 10, u.Line);
            var updateId = Run(update);

            for (var i = 0; i < u.Links.Count; i++)
            {
                var l = u.Links[i];
                Integer(link, 1, updateId);
                Integer(link, 2, i);
                Text(link, 3, l.Url);
                Text(link, 4, l.Host);
                Text(link, 5, l.Date?.Start.ToString(DateFormat, CultureInfo.InvariantCulture));
                Text(link, 6, l.Date?.Precision.ToString());
                Run(link);
            }
        }

        foreach (var tag in incoming.Countries)
        {
            Integer(country, 1, storyId);
            Text(country, 2, tag.Code);
            Integer(country, 3, tag.Mentions);
            Integer(country, 4, tag.IsPrimary ? 1 : 0);
            Run(country);
        }

        Integer(revision, 1, storyId);
        Text(revision, 2, RevisionKinds.Imported);
        Text(revision, 3, ImportRevision.Author);
        Text(revision, 4, formattedNow);
        Text(revision, 5, prepared.Summary);
        Run(revision);

        return storyId;
    }

    public void Dispose()
    {
        story.Dispose();
        update.Dispose();
        link.Dispose();
        country.Dispose();
        revision.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement));
        return statement;
    }

    /// <summary>Steps an INSERT to its end, makes the statement ready for the next row, and returns the new row's id.</summary>
    private long Run(sqlite3_stmt statement)
    {
        SqliteStatements.Execute(handle, statement);
        return raw.sqlite3_last_insert_rowid(handle);
    }

    /// <summary>
    /// Binds text as UTF-8 through one reused buffer (SQLite copies the bytes), where binding a string
    /// would allocate its UTF-8 copy each time. An empty string goes the string way: an empty span
    /// would bind NULL.
    /// </summary>
    private void Text(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }

        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(statement, index, value));
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < most)
        {
            utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, utf8);
        Check(raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, length)));
    }

    private void Integer(sqlite3_stmt statement, int index, long value) => Check(raw.sqlite3_bind_int64(statement, index, value));

    private void Check(int rc) => SqliteStatements.Check(handle, rc);
}
