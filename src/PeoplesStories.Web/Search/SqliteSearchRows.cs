using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;
using SQLitePCL;

namespace PeoplesStories.Web.Search;

/// <summary>
/// A story's search row from values already in hand (see <see cref="StorySearch"/> for the columns):
/// a bulk import that has just written a story builds its row without reading the story back.
/// The body is held as UTF-8, the form SQLite stores, so a group's rows take half the memory.
/// </summary>
public sealed record SearchRow(long Id, string Title, string Byline, byte[] Body, string State, string Countries, string Years, string Places);

/// <summary>Writes search rows into the FTS5 table with one prepared statement, inside the caller's transaction.</summary>
internal static class SqliteSearchRows
{
    private const string Sql = """
        INSERT INTO "StorySearch" ("rowid", "title", "byline", "body", "state", "countries", "years", "places") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """;

    public static void Insert(StoriesDbContext db, IEnumerable<SearchRow> rows)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection { Handle: { } handle })
        {
            throw new InvalidOperationException("The search rows are written on an open SQLite connection.");
        }

        SqliteStatements.Check(handle, raw.sqlite3_prepare_v2(handle, Sql, out var statement));
        using (statement)
        {
            foreach (var row in rows)
            {
                SqliteStatements.Check(handle, raw.sqlite3_bind_int64(statement, 1, row.Id));
                SqliteStatements.Check(handle, raw.sqlite3_bind_text(statement, 2, row.Title));
                SqliteStatements.Check(handle, raw.sqlite3_bind_text(statement, 3, row.Byline));
                SqliteStatements.Check(handle, raw.sqlite3_bind_text(statement, 4, row.Body));
                SqliteStatements.Check(handle, raw.sqlite3_bind_text(statement, 5, row.State));
                SqliteStatements.Check(handle, raw.sqlite3_bind_text(statement, 6, row.Countries));
                SqliteStatements.Check(handle, raw.sqlite3_bind_text(statement, 7, row.Years));
                SqliteStatements.Check(handle, raw.sqlite3_bind_text(statement, 8, row.Places));
                SqliteStatements.Execute(handle, statement);
            }
        }
    }
}
