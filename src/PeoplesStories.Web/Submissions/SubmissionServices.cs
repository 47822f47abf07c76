using PeoplesStories.Web.Hosting;

namespace PeoplesStories.Web.Submissions;

public static class SubmissionServices
{
    /// <summary>The rate limiter policy of the submit form (POST only).</summary>
    public const string RateLimitPolicy = "submit-story";

    /// <summary>
    /// Submit a Story: its settings, the desk that stores and reviews submissions, and a per-client
    /// rate limit on posting. The form clock and the client hasher are the guestbook's (AddGuestbook).
    /// </summary>
    public static IServiceCollection AddSubmissions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SubmitOptions>(configuration.GetSection(SubmitOptions.Section));
        services.Configure<SubmitRateLimitOptions>(configuration.GetSection(SubmitRateLimitOptions.Section));
        services.AddScoped<SubmissionDesk>();
        services.AddClientPostLimit<SubmitRateLimitOptions>(RateLimitPolicy);
        return services;
    }
}
