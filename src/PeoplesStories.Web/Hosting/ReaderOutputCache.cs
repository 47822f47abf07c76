using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Primitives;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Hosting;

/// <summary>
/// Reader pages, feeds and API answers kept in ASP.NET Core's output cache, compressed once per
/// entry, until the content changes.
/// <para>
/// Every entry carries the tag <see cref="Tag"/>: <see cref="ContentVersion.Changed"/> (called on every
/// edit, publish, import and guestbook post) evicts them all through <see cref="IOutputCacheStore.EvictByTagAsync"/>,
/// the store's standard API, so a shared store (Redis) sees the eviction from every node. Entries are
/// also keyed by <see cref="ContentVersion.Generation"/>, which closes the race in which a page read
/// before a change is stored just after its eviction: that entry is never looked up again.
/// </para>
/// <para>
/// The compression middleware runs inside the cache, so the cache keeps the compressed bytes (one
/// entry per Accept-Encoding) and a hit is served without compressing again.
/// </para>
/// </summary>
public static class ReaderOutputCache
{
    public const string PolicyName = "Reader";

    /// <summary>The tag on every cached reader answer.</summary>
    public const string Tag = "reader-content";

    /// <summary>
    /// Bounds the memory the cache takes: beyond it the least recently used entries go. A story page
    /// is about 20 to 40 KB (5 KB compressed), so this holds the several hundred pages most read. At
    /// 8 MB the pages of a 10,000-story site read at random no longer fit, and guestbook-load.sh's
    /// readers got half the requests/s.
    /// </summary>
    public const long SizeLimitBytes = 16L * 1024 * 1024;

    /// <summary>Answers larger than this are never cached (the largest reader page is far smaller).</summary>
    public const long MaximumBodyBytes = 1024 * 1024;

    /// <summary>An entry's lifetime when no change evicts it first: it bounds what an entry orphaned by the race above may hold.</summary>
    public static readonly TimeSpan Expiration = TimeSpan.FromMinutes(10);

    /// <summary>Text types compressed: pages, stylesheet, feeds, sitemap, JSON and problem details.</summary>
    private static readonly string[] CompressedTypes =
        [.. ResponseCompressionDefaults.MimeTypes, "application/atom+xml", "application/problem+json", "image/svg+xml"];

    public static IServiceCollection AddReaderOutputCache(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            options.SizeLimit = SizeLimitBytes;
            options.MaximumBodySize = MaximumBodyBytes;
            options.DefaultExpirationTimeSpan = Expiration;

            // /countries/KH answers a redirect and /countries/kh the page: they must not share an entry.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(PolicyName, new ReaderCachePolicy());
        });
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });

        // Most answers are compressed once and served many times, so the smaller output is worth the time.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.AddHostedService<OutputCacheEviction>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReaderFrontCache>();
        return services;
    }

    /// <summary>After authentication (the policy needs to know who asks) and before the endpoints.</summary>
    public static IApplicationBuilder UseReaderOutputCache(this IApplicationBuilder app)
    {
        app.UseOutputCache();
        app.UseResponseCompression();
        return app;
    }
}

/// <summary>Evicts the reader entries at every <see cref="ContentVersion.Changed"/>.</summary>
internal sealed partial class OutputCacheEviction(ContentVersion version, IOutputCacheStore store, ILogger<OutputCacheEviction> logger)
    : IHostedService, IDisposable
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = ChangeToken.OnChange(() => version.Token, Evict);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => subscription?.Dispose();

    /// <summary>
    /// Runs on the thread that called Changed(). The in-memory store evicts synchronously; a remote
    /// store finishes in the background, while this node already misses through the generation key.
    /// </summary>
    private void Evict() => _ = EvictAsync();

    private async Task EvictAsync()
    {
        try
        {
            await store.EvictByTagAsync(ReaderOutputCache.Tag, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A store that cannot be reached must not fail the edit that changed the content.
            LogEvictionFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not evict the reader pages from the output cache")]
    private static partial void LogEvictionFailed(ILogger logger, Exception exception);
}
