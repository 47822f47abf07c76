namespace PeoplesStories.Web.Data;

/// <summary>Where a guestbook entry stands: only Published entries reach readers.</summary>
public enum GuestbookState
{
    Published = 0,
    Pending = 1,
    Hidden = 2,
    Spam = 3,
    Deleted = 4,
}

/// <summary>One signature in the guestbook.</summary>
public sealed class GuestbookEntry
{
    public const int NameMaxLength = 80;
    public const int MessageMaxLength = 2000;

    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case; null when the visitor chose none.</summary>
    public string? CountryCode { get; set; }

    public Country? Country { get; set; }

    public required string Message { get; set; }

    public DateTime CreatedAt { get; set; }

    public GuestbookState State { get; set; }

    /// <summary>Why the entry was held for review (honeypot, too fast, repeated, held for approval); null when published at once.</summary>
    public string? Reason { get; set; }

    /// <summary>A daily-rotating keyed hash of the client's address: never the address itself.</summary>
    public required string ClientHash { get; set; }

    public string? ModeratedBy { get; set; }

    public DateTime? ModeratedAt { get; set; }
}

/// <summary>A secret the site generates once and keeps in its database (e.g. the guestbook's client-hash key).</summary>
public sealed class SiteSecret
{
    public required string Name { get; set; }

    public required byte[] Value { get; set; }

    public DateTime CreatedAt { get; set; }
}
