using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

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
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, Partition);
        });
        return services;
    }

    /// <summary>A fixed window per client address for POSTs; the form itself (GET) is never limited. The address is only a key in memory.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var settings = context.RequestServices.GetRequiredService<IOptions<SubmitRateLimitOptions>>().Value;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.PermitLimit),
            Window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds)),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
