using PeoplesStories.Web.Hosting;

namespace PeoplesStories.Web.Guestbook;

public static class GuestbookServices
{
    /// <summary>The rate limiter policy of the sign form (POST only; see <see cref="ClientRateLimits"/>).</summary>
    public const string RateLimitPolicy = "guestbook-sign";

    /// <summary>The guestbook's options, its hashing and form clock, and the per-client rate limit on signing.</summary>
    public static IServiceCollection AddGuestbook(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GuestbookOptions>(configuration.GetSection(GuestbookOptions.Section));
        services.Configure<GuestbookRateLimitOptions>(configuration.GetSection(GuestbookRateLimitOptions.Section));
        services.AddSingleton<ClientHasher>();
        services.AddSingleton<GuestbookFormClock>();
        services.AddScoped<GuestbookBook>();

        services.AddClientPostLimit<GuestbookRateLimitOptions>(RateLimitPolicy);
        return services;
    }
}
