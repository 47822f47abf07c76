using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Hosting;

/// <summary>
/// Which reader answers the output cache keeps, and under what key.
/// <list type="bullet">
/// <item>GET and HEAD only, and never for a signed-in editor (neither served from the cache nor stored).</item>
/// <item>Only a 200 with no <c>Set-Cookie</c> and no <c>no-store</c>/<c>private</c> (an antiforgery form sets both, so a page with one is never kept).</item>
/// <item>Keyed by path (case-sensitive), every query value, Accept-Encoding and the content generation.</item>
/// <item>An address with a query string is kept only from its second request on (see <see cref="RepeatFilter"/>):
/// most searches are asked once, and keeping each would push the pages readers return to out of the
/// cache (as would a client that sends made-up query strings on purpose), and churn memory.</item>
/// </list>
/// A kept answer gets a weak ETag naming this process and the content generation, unless the page set
/// its own (the story page names the story's version), so the cache answers <c>If-None-Match</c> with
/// 304; and <c>Cache-Control: no-cache</c>, so browsers ask again each time instead of guessing from
/// Last-Modified, and an edit shows at their next request.
/// </summary>
internal sealed class ReaderCachePolicy : IOutputCachePolicy
{
    private const string GenerationKey = "content-generation";

    /// <summary>
    /// Tells this process's ETags from another's: the generation starts at 0 at every start, so
    /// without it a tag from before a restart could match a different page after it.
    /// </summary>
    private static readonly string ProcessTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private readonly RepeatFilter admission = new();

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable)
        {
            return ValueTask.CompletedTask;
        }

        // An address with a query string (a search, a later page) is kept from its second request on.
        if (http.Request.QueryString.HasValue && !admission.SeenBefore(string.Concat(http.Request.Path.Value, http.Request.QueryString.Value)))
        {
            context.AllowCacheStorage = false;
        }

        // The front door keeps a copy of what goes out, should it turn out fit for anyone.
        if (context.AllowCacheStorage)
        {
            ReaderFrontCache.Capture(http);
        }

        var generation = http.RequestServices.GetRequiredService<ContentVersion>().Generation.ToString(CultureInfo.InvariantCulture);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
        context.CacheVaryByRules.VaryByValues[GenerationKey] = generation;
        context.Tags.Add(ReaderOutputCache.Tag);
        context.ResponseExpirationTimeSpan = ReaderOutputCache.Expiration;

        // Set before the page runs: the cache copies the headers as the body starts, before any
        // OnStarting callback. The page may put its own ETag in place (the story page does); an
        // answer that is not kept loses both, as it starts.
        var response = http.Response;
        var etag = $"W/\"{ProcessTag}-{generation}\"";
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "no-cache";
        response.OnStarting(() =>
        {
            if (!IsStorable(response))
            {
                if (response.Headers.ETag == etag)
                {
                    response.Headers.Remove(HeaderNames.ETag);
                }

                if (response.Headers.CacheControl == "no-cache")
                {
                    response.Headers.Remove(HeaderNames.CacheControl);
                }
            }

            return Task.CompletedTask;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!IsStorable(context.HttpContext.Response))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A 200 meant for anyone: no cookie set, not marked private or no-store (as a page with an antiforgery form is).</summary>
    internal static bool IsStorable(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status200OK
        && StringValues.IsNullOrEmpty(response.Headers.SetCookie)
        && !(CacheControlHeaderValue.TryParse(response.Headers.CacheControl.ToString(), out var cacheControl) && (cacheControl.NoStore || cacheControl.Private));
}

/// <summary>
/// Tells whether an address was asked for recently: a set of 1,048,576 bits, each address setting
/// the one its hash picks, emptied every 32,768 new addresses. Two addresses may share a bit, so an
/// address asked once is sometimes taken for a repeat, which only means it is kept like one: at most
/// one in 32, one in 64 on average. (With 65,536 bits emptied every 16,384 addresses, one search in
/// eight asked once was kept, each a page of 20–30 KB copied into the cache, read by no one and
/// pushing the pages that are read out of it.) It costs 128 KB whatever the traffic.
/// </summary>
public sealed class RepeatFilter
{
    private const int Bits = 1 << 20;
    private const int ResetAfter = Bits / 32;

    private readonly long[] words = new long[Bits / 64];
    private int added;

    /// <summary>Records the address; true when it had been recorded since the last reset.</summary>
    public bool SeenBefore(string address)
    {
        var bit = (int)((uint)StringComparer.Ordinal.GetHashCode(address) % Bits);
        var mask = 1L << (bit & 63);
        if ((Interlocked.Or(ref words[bit >> 6], mask) & mask) != 0)
        {
            return true;
        }

        if (Interlocked.Increment(ref added) >= ResetAfter)
        {
            Array.Clear(words);
            Interlocked.Exchange(ref added, 0);
        }

        return false;
    }
}
