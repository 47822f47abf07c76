using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Editor;

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string Lockout = "lockout";
    public const string SignOut = "sign-out";
    public const string PasswordChanged = "password-changed";
    public const string EditorCreated = "editor-created";
    public const string RoleChanged = "role-changed";
    public const string EditorDisabled = "editor-disabled";
    public const string EditorEnabled = "editor-enabled";
}

/// <summary>Writes audit entries, each saved at once in a save of its own.</summary>
public sealed class AuditLog(StoriesDbContext db, TimeProvider clock)
{
    public const string CommandLineActor = "command line";

    public async Task WriteAsync(string action, string? actor, string? subject, string? detail = null, CancellationToken cancellationToken = default)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = Truncate(actor, 256),
            Action = action,
            Subject = Truncate(subject, 256),
            Detail = Truncate(detail, 1000),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
