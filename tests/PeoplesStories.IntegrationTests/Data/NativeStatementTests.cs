using Microsoft.Data.Sqlite;
using PeoplesStories.Web.Data;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary>
/// <see cref="NativeStatement"/>, the search's statements through SQLite's C API: it binds and reads
/// what Microsoft.Data.Sqlite would, runs again after a reset, and fails as Microsoft.Data.Sqlite
/// fails, with SQLite's message (the search tells FTS5's refusals by it).
/// </summary>
public sealed class NativeStatementTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public NativeStatementTests()
    {
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE "t" ("id" INTEGER PRIMARY KEY, "text" TEXT NULL);
            INSERT INTO "t" VALUES (1, 'Perú: “rights”'), (2, NULL), (3, ''), (4, 'four');
            CREATE VIRTUAL TABLE "f" USING fts5("body");
            INSERT INTO "f" ("rowid", "body") VALUES (7, 'hunger strike'), (9, 'strike');
            """;
        command.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();

    [Fact]
    public void Rows_are_read_with_their_bound_values_and_again_after_a_reset()
    {
        using var statement = new NativeStatement(connection, """SELECT "id", "text" FROM "t" WHERE "id" >= ?1 AND "id" < ?2 ORDER BY "id" """);
        statement.Bind(1, 1);
        statement.Bind(2, 4);
        var rows = new List<(long, string)>();
        while (statement.Step())
        {
            rows.Add((statement.Int64(0), System.Text.Encoding.UTF8.GetString(statement.Bytes(1))));
        }

        // Text as UTF-8 bytes, NULL and the empty text as no bytes.
        Assert.Equal([(1L, "Perú: “rights”"), (2L, ""), (3L, "")], rows);

        statement.Reset();
        statement.Bind(1, 4);
        statement.Bind(2, 100);
        Assert.True(statement.Step());
        Assert.Equal(4, statement.Int64(0));
        Assert.False(statement.Step());
    }

    [Fact]
    public void Text_is_bound_whole_as_utf8_and_the_empty_text_as_text()
    {
        // More bytes than characters: bound by its characters' count, the text would be cut short.
        using var statement = new NativeStatement(connection, """SELECT "id" FROM "t" WHERE "text" = ?1""");
        statement.Bind(1, "Perú: “rights”");
        Assert.True(statement.Step());
        Assert.Equal(1, statement.Int64(0));
        Assert.False(statement.Step());

        // The empty text is bound as text, not as NULL (which equals nothing).
        statement.Reset();
        statement.Bind(1, "");
        Assert.True(statement.Step());
        Assert.Equal(3, statement.Int64(0));
        Assert.False(statement.Step());
    }

    [Fact]
    public void A_statement_sqlite_refuses_throws_with_sqlites_message()
    {
        var refused = Assert.Throws<SqliteException>(() =>
        {
            using var statement = new NativeStatement(connection, """SELECT * FROM "missing" """);
        });
        Assert.Contains("no such table: missing", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, refused.SqliteErrorCode);

        // An FTS5 expression it cannot parse fails as the statement runs, with FTS5's message.
        var failed = Assert.Throws<SqliteException>(() =>
        {
            using var statement = new NativeStatement(connection, """SELECT "rowid" FROM "f" WHERE "f" MATCH ?1""");
            statement.Bind(1, "hunger AND");
            statement.Step();
        });
        Assert.Contains("fts5: syntax error", failed.Message, StringComparison.Ordinal);

        // The connection goes on serving statements.
        using var next = new NativeStatement(connection, """SELECT count(*) FROM "t" """);
        Assert.True(next.Step());
        Assert.Equal(4, next.Int64(0));
    }

    [Fact]
    public void A_statement_longer_than_its_stack_buffer_is_prepared_whole()
    {
        // 1,024 bytes are encoded on the stack; a longer statement (a search of many terms) is not cut.
        var terms = string.Join(" OR ", Enumerable.Range(0, 120).Select(i => $"\"word{i}\""));
        var sql = $"""SELECT "rowid" FROM "f" WHERE "f" MATCH '{terms} OR strike' ORDER BY "rowid" """;
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(sql) > 1024);
        using var statement = new NativeStatement(connection, sql);
        Assert.True(statement.Step());
        Assert.Equal(7, statement.Int64(0));
        Assert.True(statement.Step());
        Assert.Equal(9, statement.Int64(0));
        Assert.False(statement.Step());
    }
}
