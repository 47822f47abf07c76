namespace PeoplesStories.Web.Submissions;

/// <summary>The <c>Submit</c> settings.</summary>
public sealed class SubmitOptions
{
    public const string Section = "Submit";

    /// <summary>A form posted sooner than this after it was served is marked as suspect for the editors (0 turns the check off).</summary>
    public int MinimumSecondsToSubmit { get; set; } = 3;
}

/// <summary>The <c>RateLimiting:Submit</c> settings: stories a client may submit per window.</summary>
public sealed class SubmitRateLimitOptions : Hosting.IClientPostLimit
{
    public const string Section = "RateLimiting:Submit";

    public int PermitLimit { get; set; } = 3;

    public int WindowSeconds { get; set; } = 3600;
}
