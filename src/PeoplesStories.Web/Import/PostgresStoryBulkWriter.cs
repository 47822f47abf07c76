using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PeoplesStories.Archive;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;
using PeoplesStories.Web.Editor.Stories;

namespace PeoplesStories.Web.Import;

/// <summary>
/// The bulk path of an import on PostgreSQL: a story with its updates, their links and its countries
/// goes in as one prepared statement (one round trip), its rows passed as arrays and unnested by
/// data-modifying CTEs, inside the importer's transaction, with its first revision ("imported from
/// FILE:LINE", whose text is the story as stored: <see cref="DeferredSnapshots"/>). Updates are
/// matched to their links by position.
/// </summary>
internal sealed class PostgresStoryBulkWriter : IStoryBulkWriter
{
    private const string Sql = """
        WITH story AS (
            INSERT INTO "Stories" ("Slug", "Title", "Byline", "MatchKey", "SectionId", "State", "SourceFile", "SourceLine", "CreatedAt", "UpdatedAt", "PublishedAt", "LatestUpdateOn", "Version")
            VALUES (@slug, @title, @byline, @key, @section, @state, @file, @line, @now, @now, @now, @latest, 1)
            RETURNING "Id"),
        updates AS (
            INSERT INTO "StoryUpdates" ("StoryId", "Position", "DateValue", "DatePrecision", "DateText", "DateInferred", "Headline", "Body", "MatchKey", "SourceLine")
            SELECT story."Id", u.*
            FROM story, unnest(@uPosition, @uDate, @uPrecision, @uDateText, @uInferred, @uHeadline, @uBody, @uKey, @uLine) AS u
            RETURNING "Id", "Position"),
        links AS (
            INSERT INTO "SourceLinks" ("StoryUpdateId", "Position", "Url", "Host", "DateValue", "DatePrecision")
            SELECT updates."Id", l.position, l.url, l.host, l.date, l.precision
            FROM unnest(@lUpdate, @lPosition, @lUrl, @lHost, @lDate, @lPrecision) AS l(update_position, position, url, host, date, precision)
            JOIN updates ON updates."Position" = l.update_position),
        countries AS (
            INSERT INTO "StoryCountries" ("StoryId", "CountryCode", "Mentions", "IsPrimary")
            SELECT story."Id", c.*
            FROM story, unnest(@cCode, @cMentions, @cPrimary) AS c),
        revision AS (
            INSERT INTO "StoryRevisions" ("StoryId", "Number", "Kind", "Author", "CreatedAt", "Summary")
            SELECT story."Id", 1, @kind, @author, @now, @summary FROM story)
        SELECT story."Id" FROM story
        """;

    private readonly NpgsqlCommand command;

    public PostgresStoryBulkWriter(StoriesDbContext db)
    {
        if (db.Database.CurrentTransaction is not { } transaction || db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            throw new InvalidOperationException("The bulk writer runs on an open PostgreSQL connection, inside the import's transaction.");
        }

        command = new NpgsqlCommand(Sql, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        Add("slug", NpgsqlDbType.Text);
        Add("title", NpgsqlDbType.Text);
        Add("byline", NpgsqlDbType.Text);
        Add("key", NpgsqlDbType.Text);
        Add("section", NpgsqlDbType.Integer);
        Add("state", NpgsqlDbType.Text);
        Add("file", NpgsqlDbType.Text);
        Add("line", NpgsqlDbType.Integer);
        Add("now", NpgsqlDbType.TimestampTz);
        Add("latest", NpgsqlDbType.Date);
        Add("uPosition", NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add("uDate", NpgsqlDbType.Array | NpgsqlDbType.Date);
        Add("uPrecision", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("uDateText", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("uInferred", NpgsqlDbType.Array | NpgsqlDbType.Boolean);
        Add("uHeadline", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("uBody", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("uKey", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("uLine", NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add("lUpdate", NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add("lPosition", NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add("lUrl", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("lHost", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("lDate", NpgsqlDbType.Array | NpgsqlDbType.Date);
        Add("lPrecision", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("cCode", NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("cMentions", NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add("cPrimary", NpgsqlDbType.Array | NpgsqlDbType.Boolean);
        Add("kind", NpgsqlDbType.Text);
        Add("author", NpgsqlDbType.Text);
        Add("summary", NpgsqlDbType.Text);
        command.Prepare();
    }

    public long Insert(PreparedStory prepared, string slug, int sectionId, DateTime now)
    {
        var incoming = prepared.Story;
        var key = prepared.Key;
        var updates = incoming.Updates;
        var links = updates.SelectMany((u, position) => u.Links.Select((l, i) => (Update: position, Position: i, Link: l))).ToList();
        Set("slug", slug);
        Set("title", incoming.Title);
        Set("byline", incoming.Byline);
        Set("key", key);
        Set("section", sectionId);
        Set("state", nameof(StoryState.Published));
        Set("file", incoming.File);
        Set("line", incoming.Line);
        Set("now", DateTime.SpecifyKind(now, DateTimeKind.Utc));
        Set("latest", updates.Where(u => u.Date is not null).Select(u => (DateOnly?)u.Date!.Value.Start).Max());
        Set("uPosition", Enumerable.Range(0, updates.Count).ToArray());
        Set("uDate", updates.Select(u => u.Date?.Start).ToArray());
        Set("uPrecision", updates.Select(u => u.Date?.Precision.ToString()).ToArray());
        Set("uDateText", updates.Select(u => u.DateText).ToArray());
        Set("uInferred", updates.Select(u => u.DateInferred).ToArray());
        Set("uHeadline", updates.Select(u => u.Headline).ToArray());
        Set("uBody", prepared.Updates.Select(u => u.Body).ToArray());
        Set("uKey", prepared.Updates.Select(u => u.MatchKey).ToArray());
        Set("uLine", updates.Select(u => u.Line).ToArray());
        Set("lUpdate", links.Select(l => l.Update).ToArray());
        Set("lPosition", links.Select(l => l.Position).ToArray());
        Set("lUrl", links.Select(l => l.Link.Url).ToArray());
        Set("lHost", links.Select(l => l.Link.Host).ToArray());
        Set("lDate", links.Select(l => l.Link.Date?.Start).ToArray());
        Set("lPrecision", links.Select(l => l.Link.Date?.Precision.ToString()).ToArray());
        Set("cCode", incoming.Countries.Select(c => c.Code).ToArray());
        Set("cMentions", incoming.Countries.Select(c => c.Mentions).ToArray());
        Set("cPrimary", incoming.Countries.Select(c => c.IsPrimary).ToArray());
        Set("kind", RevisionKinds.Imported);
        Set("author", ImportRevision.Author);
        Set("summary", prepared.Summary);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => command.Dispose();

    private void Add(string name, NpgsqlDbType type) => command.Parameters.Add(new NpgsqlParameter(name, type));

    private void Set(string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;
}
