using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Search;

/// <summary>
/// The FTS5 auxiliary function <c>in_title("StorySearch", n1, n2, …)</c>, registered on every SQLite
/// connection (<see cref="Register"/>): 1 when every term of the search is in the row's title, else 0.
/// The MATCH expression begins with the search's terms (<see cref="SearchExpression.ToMatch(IReadOnlyList{SearchTerm}, string?)"/>),
/// term <c>k</c> written as <c>nk</c> FTS5 phrases (one, or the words of a prefix's expansion), and FTS5
/// numbers phrases in the order written; a term is in the title when one of its phrases is found
/// there.
/// <para>
/// It reads what FTS5 already holds for the row it has matched: each phrase's first position, whose
/// column tells whether the phrase is in the title (column 0: positions are ordered by column). A
/// search learns which candidates have its terms in their titles as it reads the candidates, where a
/// statement of its own read the terms' index lists over the candidates again (140–380 µs of a
/// phrase's or a country's search at 100,000 stories, measured alone).
/// </para>
/// <para>
/// SQLite's API for it (<c>fts5_api</c>, reached through <c>SELECT fts5(?1)</c> and
/// <c>sqlite3_bind_pointer</c>) is not in Microsoft.Data.Sqlite, so it is called from here, through
/// <see cref="SqliteNative"/>.
/// </para>
/// </summary>
internal static unsafe class InTitleFunction
{
    public const string Name = "in_title";

    /// <summary>Adds the function to the connection's FTS5 (once per connection: FTS5 keeps every function added).</summary>
    public static void Register(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var db = connection.Handle!.DangerousGetHandle();
        Fts5Api* api = null;
        nint statement;
        fixed (byte* sql = "SELECT fts5(?1)"u8)
        {
            Check(connection, SqliteNative.sqlite3_prepare_v2(db, sql, "SELECT fts5(?1)"u8.Length, &statement, null));
        }

        try
        {
            fixed (byte* type = "fts5_api_ptr\0"u8)
            {
                Check(connection, SqliteNative.sqlite3_bind_pointer(statement, 1, &api, type, 0));
            }

            var rc = SqliteNative.sqlite3_step(statement);
            Check(connection, rc == SqliteNative.Row ? SqliteNative.Ok : rc);
        }
        finally
        {
            _ = SqliteNative.sqlite3_finalize(statement);
        }

        if (api is null || api->Version < 2)
        {
            throw new InvalidOperationException("The SQLite library has no FTS5, which the search needs.");
        }

        fixed (byte* name = "in_title\0"u8)
        {
            Check(connection, api->CreateFunction(api, name, 0, &Invoke, 0));
        }
    }

    /// <summary>in_title(table, n1, n2, …) for the row FTS5 has matched.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Invoke(Fts5ExtensionApi* api, nint fts, nint context, int count, nint* values)
    {
        var phrase = 0;
        var phrases = api->PhraseCount(fts);
        for (var term = 0; term < count; term++)
        {
            // More phrases than the expression holds (never expected): the rest are in no title.
            var end = Math.Min(phrase + SqliteNative.sqlite3_value_int(values[term]), phrases);
            var inTitle = false;
            for (var i = phrase; i < end && !inTitle; i++)
            {
                Fts5PhraseIter iterator;
                int column, offset;
                var rc = api->PhraseFirst(fts, i, &iterator, &column, &offset);
                if (rc != SqliteNative.Ok)
                {
                    SqliteNative.sqlite3_result_error_code(context, rc);
                    return;
                }

                inTitle = column == 0;
            }

            phrase = end;
            if (!inTitle)
            {
                SqliteNative.sqlite3_result_int(context, 0);
                return;
            }
        }

        SqliteNative.sqlite3_result_int(context, 1);
    }

    private static void Check(SqliteConnection connection, int rc)
    {
        if (rc != SqliteNative.Ok)
        {
            var error = SqliteNative.Error(connection.Handle!.DangerousGetHandle(), rc);
            throw new SqliteException($"Could not add the {Name} function to FTS5: {error.Message}", rc, error.SqliteExtendedErrorCode);
        }
    }

    /// <summary>The start of <c>fts5_api</c> (sqlite3.h), as far as <c>xCreateFunction</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5Api
    {
        public int Version;
        public nint CreateTokenizer;
        public nint FindTokenizer;
        public delegate* unmanaged[Cdecl]<Fts5Api*, byte*, nint, delegate* unmanaged[Cdecl]<Fts5ExtensionApi*, nint, nint, int, nint*, void>, nint, int> CreateFunction;
    }

    /// <summary>The start of <c>Fts5ExtensionApi</c> (sqlite3.h), as far as <c>xPhraseFirst</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ExtensionApi
    {
        public int Version;
        public nint UserData;
        public nint ColumnCount;
        public nint RowCount;
        public nint ColumnTotalSize;
        public nint Tokenize;
        public delegate* unmanaged[Cdecl]<nint, int> PhraseCount;
        public nint PhraseSize;
        public nint InstCount;
        public nint Inst;
        public nint Rowid;
        public nint ColumnText;
        public nint ColumnSize;
        public nint QueryPhrase;
        public nint SetAuxdata;
        public nint GetAuxdata;
        public delegate* unmanaged[Cdecl]<nint, int, Fts5PhraseIter*, int*, int*, int> PhraseFirst;
    }

    /// <summary><c>Fts5PhraseIter</c>: two pointers FTS5 reads the phrase's positions with.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5PhraseIter
    {
        public nint Start;
        public nint End;
    }
}
