using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using PeoplesStories.Web.Data;
using StackExchange.Redis;

namespace PeoplesStories.Web.Hosting;

/// <summary>
/// What lets several web nodes serve one site: every piece of state a node would otherwise keep to
/// itself lives where all nodes see it. Data Protection's keys (sign-in cookies, antiforgery tokens, the
/// guestbook's form time) are kept in the database; with <c>Redis:Configuration</c> set, the output cache
/// is kept in Redis and a change of content on one node is announced to all (<see cref="ContentChangeRelay"/>);
/// behind a reverse proxy, the client's address and scheme come from its forwarded headers.
/// </summary>
public static class DistributedState
{
    /// <summary>The application name Data Protection isolates keys by: the same on every node, wherever it is installed.</summary>
    public const string ApplicationName = "PeoplesStories";

    public static IServiceCollection AddDistributedState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddDataProtectionKeysInDatabase(configuration);
        services.AddDataProtection().SetApplicationName(ApplicationName);

        if (configuration["Redis:Configuration"] is { Length: > 0 } redis)
        {
            var instance = configuration["Redis:InstanceName"] is { Length: > 0 } name ? name : "stories:";
            // A node starts even while Redis is away, and reconnects when it is back.
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
            services.AddStackExchangeRedisOutputCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = instance;
            });
            services.AddSingleton(new ContentChangeRelay.Channel(instance + "content-changed"));
            services.AddHostedService<ContentChangeRelay>();
        }

        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration.GetSection("ForwardedHeaders")));
        return services;
    }

    /// <summary>
    /// Reads <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c>
    /// (CIDR ranges): only a proxy listed there is believed. Loopback is always a known proxy (a proxy on
    /// the same machine). <c>ForwardedHeaders:ForwardLimit</c> is how many proxies stand in a row (default 1).
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        options.ForwardLimit = section.GetValue("ForwardLimit", 1);
        foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        // Behind a proxy the Host header is the proxy's to set; AllowedHosts still guards the site.
        options.AllowedHosts = [];
    }
}
