namespace PeoplesStories.Web.Guestbook;

/// <summary>The <c>Guestbook</c> settings.</summary>
public sealed class GuestbookOptions
{
    public const string Section = "Guestbook";

    /// <summary>A form posted sooner than this after it was served is held for review (a person needs a few seconds to write).</summary>
    public int MinimumSecondsToSubmit { get; set; } = 3;

    /// <summary>Every new entry waits for an editor's approval.</summary>
    public bool HoldAllForApproval { get; set; }

    /// <summary>The same message from the same client within this many hours is held for review.</summary>
    public int RepeatWindowHours { get; set; } = 24;

    /// <summary>A message whose exact text was already signed this many times within the repeat window (by anyone) is held for review.</summary>
    public int IdenticalMessageLimit { get; set; } = 3;
}

/// <summary>The <c>RateLimiting:Guestbook</c> settings: signatures a client may post per window.</summary>
public sealed class GuestbookRateLimitOptions : Hosting.IClientPostLimit
{
    public const string Section = "RateLimiting:Guestbook";

    public int PermitLimit { get; set; } = 3;

    public int WindowSeconds { get; set; } = 600;
}
