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
/// when and why. Revisions are only ever added, so no text a story once had is lost. The text of an
/// imported story's first revision is the story as stored, and is written into the revision only
/// when something is about to change the story (<see cref="Snapshot"/>).
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

    /// <summary>
    /// The story's text as JSON; null for a revision whose text is the story as it stands: the first
    /// revision of an imported story, until the next change. Only a story's latest revision is ever
    /// null, and whatever changes the story writes its text here first, in the same transaction
    /// (Editor.Stories.DeferredSnapshots), so no text is lost. An import of 100,000 stories wrote
    /// 300 MB of snapshots that repeated the stories word for word.
    /// </summary>
    public string? Snapshot { get; set; }
}
