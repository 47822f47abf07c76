using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PeoplesStories.Web.Data;

/// <summary>
/// A statement prepared on an open <see cref="SqliteConnection"/> and called through SQLite's C API
/// with its raw pointers, for a search page's loops over rows (the candidates it ranks, the texts it
/// marks, its list items). Microsoft.Data.Sqlite and SQLitePCL hold each handle in a
/// <see cref="SafeHandle"/> and count a reference on it around every call into SQLite: reading a
/// phrase search's 201 candidates and its page's list items that way was about 3.5% of the search's
/// CPU time.
/// <para>
/// The connection must stay open while the statement lives; <see cref="Dispose"/> finalizes it. A
/// failed call throws the <see cref="SqliteException"/> Microsoft.Data.Sqlite would, with SQLite's
/// message for the connection.
/// </para>
/// </summary>
internal unsafe ref struct NativeStatement
{
    private readonly nint db;
    private nint statement;

    /// <summary>A statement on the context's connection, which the caller has opened (as <see cref="SqliteStatements.Command"/>).</summary>
    public NativeStatement(DatabaseFacade database, string sql)
        : this((SqliteConnection)(database ?? throw new ArgumentNullException(nameof(database))).GetDbConnection(), sql)
    {
    }

    public NativeStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        db = (connection.Handle ?? throw new InvalidOperationException("The connection is not open.")).DangerousGetHandle();
        var most = Encoding.UTF8.GetMaxByteCount(sql.Length);
        var rented = most > 1024 ? ArrayPool<byte>.Shared.Rent(most) : null;
        Span<byte> utf8 = rented is null ? stackalloc byte[1024] : rented;
        var length = Encoding.UTF8.GetBytes(sql, utf8);
        try
        {
            nint prepared;
            fixed (byte* text = utf8)
            {
                Check(SqliteNative.sqlite3_prepare_v2(db, text, length, &prepared, null));
            }

            statement = prepared;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to an integer.</summary>
    public readonly void Bind(int index, long value) => Check(SqliteNative.sqlite3_bind_int64(statement, index, value));

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to text, which SQLite copies.</summary>
    public readonly void Bind(int index, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);

        // Never a null pointer, which SQLite would bind as NULL: the empty text is text.
        fixed (byte* text = &MemoryMarshal.GetArrayDataReference(bytes))
        {
            Check(SqliteNative.sqlite3_bind_text(statement, index, text, bytes.Length, SqliteNative.Transient));
        }
    }

    /// <summary>Steps to the next row: true when there is one, false at the end.</summary>
    public readonly bool Step()
    {
        var rc = SqliteNative.sqlite3_step(statement);
        if (rc == SqliteNative.Row)
        {
            return true;
        }

        if (rc != SqliteNative.Done)
        {
            Check(rc);
        }

        return false;
    }

    /// <summary>Column <paramref name="column"/> (from 0) of the current row as an integer.</summary>
    public readonly long Int64(int column) => SqliteNative.sqlite3_column_int64(statement, column);

    /// <summary>Column <paramref name="column"/> (from 0) of the current row as SQLite holds its bytes (text as UTF-8), valid until the next step or reset.</summary>
    public readonly ReadOnlySpan<byte> Bytes(int column)
    {
        var bytes = SqliteNative.sqlite3_column_blob(statement, column);
        return bytes is null ? [] : new ReadOnlySpan<byte>(bytes, SqliteNative.sqlite3_column_bytes(statement, column));
    }

    /// <summary>Column <paramref name="column"/> (from 0) of the current row as text (NULL as the empty text).</summary>
    public readonly string Text(int column) => Encoding.UTF8.GetString(Bytes(column));

    /// <summary>Whether column <paramref name="column"/> (from 0) of the current row is NULL.</summary>
    public readonly bool IsNull(int column) => SqliteNative.sqlite3_column_type(statement, column) == SqliteNative.Null;

    /// <summary>Makes the statement ready to run again (its bindings are kept).</summary>
    public readonly void Reset() => _ = SqliteNative.sqlite3_reset(statement);

    public void Dispose()
    {
        if (statement != 0)
        {
            _ = SqliteNative.sqlite3_finalize(statement);
            statement = 0;
        }
    }

    private readonly void Check(int rc)
    {
        if (rc != SqliteNative.Ok)
        {
            throw SqliteNative.Error(db, rc);
        }
    }
}

/// <summary>
/// The functions of SQLite's C API called with raw pointers (<see cref="NativeStatement"/>, and the
/// search's FTS5 function), from the same <c>e_sqlite3</c> library that Microsoft.Data.Sqlite loads.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    public const int Ok = 0;

    public const int Row = 100;

    public const int Done = 101;

    /// <summary><c>SQLITE_NULL</c>, the type of a NULL value.</summary>
    public const int Null = 5;

    /// <summary><c>SQLITE_TRANSIENT</c>: SQLite copies bound text before the call returns.</summary>
    public static readonly nint Transient = -1;

    /// <summary>The <see cref="SqliteException"/> for a failed call on the connection, with SQLite's message for it.</summary>
    public static SqliteException Error(nint db, int rc)
    {
        var message = Marshal.PtrToStringUTF8((nint)sqlite3_errmsg(db)) ?? $"SQLite error {rc}";
        return new SqliteException(message, rc, sqlite3_extended_errcode(db));
    }

    [LibraryImport(Library)]
    public static partial int sqlite3_prepare_v2(nint db, byte* sql, int bytes, nint* statement, byte** tail);

    [LibraryImport(Library)]
    public static partial int sqlite3_step(nint statement);

    [LibraryImport(Library)]
    public static partial int sqlite3_reset(nint statement);

    [LibraryImport(Library)]
    public static partial int sqlite3_finalize(nint statement);

    [LibraryImport(Library)]
    public static partial int sqlite3_bind_pointer(nint statement, int index, void* pointer, byte* type, nint destructor);

    [LibraryImport(Library)]
    public static partial int sqlite3_bind_int64(nint statement, int index, long value);

    [LibraryImport(Library)]
    public static partial int sqlite3_bind_text(nint statement, int index, byte* text, int bytes, nint destructor);

    [LibraryImport(Library)]
    public static partial void sqlite3_result_error_code(nint context, int code);

    // The calls below, made for every row or every match, only read what SQLite holds or set a
    // number: they never wait or call back into .NET, so they skip the runtime's switch to and from
    // native code.

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial long sqlite3_column_int64(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial byte* sqlite3_column_blob(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_column_bytes(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_column_type(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_value_int(nint value);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial void sqlite3_result_int(nint context, int value);


    [LibraryImport(Library)]
    public static partial byte* sqlite3_errmsg(nint db);

    [LibraryImport(Library)]
    public static partial int sqlite3_extended_errcode(nint db);
}
