using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PeoplesStories.Web.Guestbook;

public static class GuestbookServices
{
    /// <summary>The rate limiter policy of the sign form (POST only; see <see cref="Partition"/>).</summary>
    public const string RateLimitPolicy = "guestbook-sign";

    /// <summary>The guestbook's options, its hashing and form clock, and the per-client rate limit on signing.</summary>
    public static IServiceCollection AddGuestbook(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GuestbookOptions>(configuration.GetSection(GuestbookOptions.Section));
        services.Configure<GuestbookRateLimitOptions>(configuration.GetSection(GuestbookRateLimitOptions.Section));
        services.AddSingleton<ClientHasher>();
        services.AddSingleton<GuestbookFormClock>();
        services.AddScoped<GuestbookBook>();

        services.AddRateLimiter(options =>
        {
            // The status code pages re-execute /Error?code=429, which explains in the site's words.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            options.AddPolicy(RateLimitPolicy, Partition);
        });
        return services;
    }

    /// <summary>
    /// A fixed window per client address for POSTs; reading the guestbook (GET) is never limited. The
    /// address is only a key in memory here: it is never stored.
    /// </summary>
    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var settings = context.RequestServices.GetRequiredService<IOptions<GuestbookRateLimitOptions>>().Value;
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
