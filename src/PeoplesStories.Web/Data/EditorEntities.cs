using Microsoft.AspNetCore.Identity;

namespace PeoplesStories.Web.Data;

/// <summary>An account in the editor area: Identity's user (email as user name) with a name, a creation time and a disabled flag.</summary>
public sealed class EditorUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>A disabled editor cannot sign in, and an open session ends at its next security check.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One line of the audit log: who did what to whom, and when (UTC).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The signed-in editor's email, "command line", or null when nobody is signed in (a failed sign-in).</summary>
    public string? Actor { get; set; }

    /// <summary>What happened: see <see cref="Editor.AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it happened to, usually an editor's email.</summary>
    public string? Subject { get; set; }

    public string? Detail { get; set; }
}
