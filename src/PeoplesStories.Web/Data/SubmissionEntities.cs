namespace PeoplesStories.Web.Data;

/// <summary>Where a reader's submission stands in the review queue.</summary>
public enum SubmissionState
{
    Pending = 0,
    Published = 1,
    Rejected = 2,
}

/// <summary>
/// A story sent through Submit a Story: the story itself is a <see cref="Story"/> (Pending until an
/// editor publishes it); what readers must never see (the submitter's contact details, the client
/// hash, the review) is kept here, apart from every table the readers' queries read.
/// </summary>
public sealed class Submission
{
    public const int ReferenceCodeLength = 8;
    public const int NameMaxLength = 200;
    public const int ContactMaxLength = 300;
    public const int ReasonMaxLength = 1000;

    public int Id { get; set; }

    public int StoryId { get; set; }

    public Story Story { get; set; } = null!;

    /// <summary>What the submitter is given to quote: 8 characters from an unambiguous alphabet.</summary>
    public required string ReferenceCode { get; set; }

    public string? SubmitterName { get; set; }

    /// <summary>Private: shown to editors only.</summary>
    public string? SubmitterContact { get; set; }

    /// <summary>A daily-rotating keyed hash of the client's address (the guestbook's): never the address itself.</summary>
    public required string ClientHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public SubmissionState State { get; set; }

    /// <summary>Why the submission looks automated (honeypot filled, posted too fast); null when nothing looked wrong.</summary>
    public string? HeldReason { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    /// <summary>The editor's reason for a rejection, shown to editors only.</summary>
    public string? RejectionReason { get; set; }
}
