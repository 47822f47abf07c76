using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PeoplesStories.Web.Hosting;

/// <summary>The settings of a public form's per-client limit: at most PermitLimit posts a WindowSeconds window.</summary>
public interface IClientPostLimit
{
    int PermitLimit { get; }

    int WindowSeconds { get; }
}

/// <summary>
/// Per-client limits on the public forms (guestbook, Submit a Story): a fixed window per client
/// address on POSTs only, so reading a form is never limited. The address is only a key in memory,
/// never stored. A refusal is a 429 with Retry-After; the status code pages explain it in the site's words.
/// </summary>
public static class ClientRateLimits
{
    /// <summary>Adds a policy named <paramref name="policy"/> whose limits come from the options <typeparamref name="TOptions"/>.</summary>
    public static IServiceCollection AddClientPostLimit<TOptions>(this IServiceCollection services, string policy)
        where TOptions : class, IClientPostLimit
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            options.AddPolicy(policy, context => Partition<TOptions>(context));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition<TOptions>(HttpContext context)
        where TOptions : class, IClientPostLimit
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var settings = context.RequestServices.GetRequiredService<IOptions<TOptions>>().Value;
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
