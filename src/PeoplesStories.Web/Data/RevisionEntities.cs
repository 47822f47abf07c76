namespace PeoplesStories.Web.Data;

/// <summary>What made a revision: the importer, a reader's submission, an editor's save or a restore.</summary>
public static class RevisionKinds
{
    public const string Imported = "imported";
    public const string Submitted = "submitted";
    public const string Edited = "edited";
    public const string Restored = "restored";
}

/// <summary>
/// One saved state of a story: a full JSON snapshot (see Editor.StorySnapshot) with who made it,
/// when and why. Revisions are only ever added, so no text a story once had is lost.
/// </summary>
public sealed class StoryRevision
{
    public const int SummaryMaxLength = 500;

    public int Id { get; set; }

    public int StoryId { get; set; }

    public Story Story { get; set; } = null!;

    /// <summary>1 for the story's first revision, then counting up.</summary>
    public int Number { get; set; }

    /// <summary>One of <see cref="RevisionKinds"/>.</summary>
    public required string Kind { get; set; }

    public required string Author { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The editor's note on the change, or what made the revision ("imported from FILE:LINE").</summary>
    public string? Summary { get; set; }

    public required string Snapshot { get; set; }
}
