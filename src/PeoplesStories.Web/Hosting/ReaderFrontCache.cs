using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Hosting;

/// <summary>
/// The front door of the reader cache: the finished answers (status, headers, body bytes as sent)
/// of the reader pages most read, kept in this process and served before routing, authentication
/// and the output cache run.
/// <para>
/// A cached reader page is the same bytes for every anonymous reader until the content changes, yet
/// served from the output cache it still passes through routing, the authentication handler, the
/// output cache's key building and its copy of the stored headers; at tens of thousands of requests
/// a second that is most of the work. The front door answers such a request with a dictionary
/// lookup and one write.
/// </para>
/// <para>
/// It only ever holds what the output cache's <see cref="ReaderCachePolicy"/> judged storable: the
/// policy calls <see cref="Capture"/> for each answer it may keep, and the front door stores that
/// answer once it has gone out whole as a 200 fit for anyone. Its rules are the policy's: GET and
/// HEAD only; never a request that carries the editors' sign-in cookie or an Authorization header
/// (neither served from here nor kept); keyed by scheme, host, path (case-sensitive), query string
/// and Accept-Encoding; an entry is good for the content generation it was rendered in only, and
/// <see cref="ContentVersion.Changed"/> empties the whole front door as it evicts the output cache,
/// so an edit shows at the next request. <c>If-None-Match</c> with the entry's ETag is answered 304.
/// </para>
/// </summary>
public sealed class ReaderFrontCache : IDisposable
{
    /// <summary>What the front door holds at most; beyond it the entries least recently served go first.</summary>
    public const long SizeLimitBytes = 4L * 1024 * 1024;

    /// <summary>Answers larger than this go to the output cache only.</summary>
    public const int MaximumBodyBytes = 256 * 1024;

    /// <summary>Response headers never kept: the server writes them per answer.</summary>
    private static readonly HashSet<string> PerAnswerHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Age,
        HeaderNames.SetCookie, HeaderNames.Server, HeaderNames.Connection, HeaderNames.KeepAlive,
    };

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ContentVersion version;
    private readonly TimeProvider clock;
    private readonly string signInCookie;
    private readonly IDisposable subscription;
    private readonly Lock trimming = new();
    private long bytes;

    public ReaderFrontCache(ContentVersion version, TimeProvider clock, IOptionsMonitor<CookieAuthenticationOptions> cookies)
    {
        ArgumentNullException.ThrowIfNull(cookies);
        this.version = version;
        this.clock = clock;
        signInCookie = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? ".AspNetCore.Identity.Application";
        subscription = ChangeToken.OnChange(() => version.Token, Clear);
    }

    /// <summary>How many answers the front door holds.</summary>
    public int Count => entries.Count;

    /// <summary>The bytes the front door holds (bodies and headers).</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public void Dispose() => subscription.Dispose();

    /// <summary>
    /// Called by <see cref="ReaderCachePolicy"/> for an answer it may store: the body is copied as it
    /// goes out, for the front door to keep if the answer turns out fit for anyone.
    /// </summary>
    public static void Capture(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<Pending>() is { Feature: null } pending)
        {
            pending.Feature = new CopyingFeature(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
            context.Features.Set<IHttpResponseBodyFeature>(pending.Feature);
        }
    }

    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!(isGet || HttpMethods.IsHead(request.Method))
            || request.Headers.ContainsKey(HeaderNames.Authorization)
            || request.Cookies.ContainsKey(signInCookie)
            || request.Headers.ContainsKey(HeaderNames.IfModifiedSince))
        {
            await next(context);
            return;
        }

        var generation = version.Generation;
        var key = string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value, "\n", request.Headers.AcceptEncoding.ToString());
        if (entries.TryGetValue(key, out var entry))
        {
            if (entry.Generation == generation && clock.GetUtcNow() < entry.Expires)
            {
                entry.LastServed = Environment.TickCount64;
                await ServeAsync(context, entry, isGet);
                return;
            }

            Remove(key, entry);
        }

        if (!isGet)
        {
            await next(context);
            return;
        }

        var pending = new Pending();
        context.Features.Set(pending);
        try
        {
            await next(context);
            if (pending.Feature is not { } feature)
            {
                return;
            }

            // Whatever is still buffered in the copying feature's writer goes out before Kestrel's own is put back.
            await feature.CompleteAsync();
            if (!feature.Copy.Overflowed && context.Response is { StatusCode: StatusCodes.Status200OK, HasStarted: true } response
                && ReaderCachePolicy.IsStorable(response) && !context.RequestAborted.IsCancellationRequested)
            {
                Store(key, new Entry(
                    generation,
                    clock.GetUtcNow() + ReaderOutputCache.Expiration,
                    [.. response.Headers.Where(h => !PerAnswerHeaders.Contains(h.Key))],
                    feature.Copy.ToArray()));
            }
        }
        finally
        {
            if (pending.Feature is { } feature)
            {
                context.Features.Set(feature.PriorFeature);
                feature.Copy.Dispose();
            }

            context.Features.Set<Pending>(null);
        }
    }

    private static Task ServeAsync(HttpContext context, Entry entry, bool withBody)
    {
        var response = context.Response;
        var headers = response.Headers;
        foreach (var (name, value) in entry.Headers)
        {
            headers[name] = value;
        }

        if (entry.ETag is { } etag && IsNotModified(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.Remove(HeaderNames.ContentType);
            headers.Remove(HeaderNames.ContentEncoding);
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = entry.Body.Length;
        return withBody ? response.Body.WriteAsync(entry.Body, context.RequestAborted).AsTask() : Task.CompletedTask;
    }

    /// <summary>If-None-Match names the entry's ETag (weak comparison) or is <c>*</c>.</summary>
    private static bool IsNotModified(HttpRequest request, EntityTagHeaderValue etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        if (ifNoneMatch.Count == 1 && ifNoneMatch[0] == "*")
        {
            return true;
        }

        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) && tags.Any(tag => tag.Compare(etag, useStrongComparison: false));
    }

    private void Store(string key, Entry entry)
    {
        // An entry rendered before a change is never kept: the change may have emptied the front door already.
        if (entry.Generation != version.Generation)
        {
            return;
        }

        if (entries.TryGetValue(key, out var existing))
        {
            Remove(key, existing);
        }

        if (entries.TryAdd(key, entry) && Interlocked.Add(ref bytes, entry.Size) > SizeLimitBytes)
        {
            Trim();
        }
    }

    private void Remove(string key, Entry entry)
    {
        if (entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
        {
            Interlocked.Add(ref bytes, -entry.Size);
        }
    }

    /// <summary>Down to three quarters of the limit, the entries least recently served first.</summary>
    private void Trim()
    {
        lock (trimming)
        {
            foreach (var (key, entry) in entries.ToArray().OrderBy(e => e.Value.LastServed))
            {
                if (Bytes <= SizeLimitBytes * 3 / 4)
                {
                    break;
                }

                Remove(key, entry);
            }
        }
    }

    private void Clear()
    {
        foreach (var (key, entry) in entries)
        {
            Remove(key, entry);
        }
    }

    /// <summary>A kept answer.</summary>
    private sealed class Entry
    {
        public Entry(long generation, DateTimeOffset expires, KeyValuePair<string, StringValues>[] headers, byte[] body)
        {
            Generation = generation;
            Expires = expires;
            Headers = headers;
            Body = body;
            ETag = headers.FirstOrDefault(h => string.Equals(h.Key, HeaderNames.ETag, StringComparison.OrdinalIgnoreCase)).Value is { Count: 1 } value
                && EntityTagHeaderValue.TryParse(value[0], out var etag) ? etag : null;
            Size = body.Length + headers.Sum(h => h.Key.Length + h.Value.ToString().Length) + 256;
            LastServed = Environment.TickCount64;
        }

        public long Generation { get; }

        public DateTimeOffset Expires { get; }

        public KeyValuePair<string, StringValues>[] Headers { get; }

        public byte[] Body { get; }

        public EntityTagHeaderValue? ETag { get; }

        public long Size { get; }

        public long LastServed { get; set; }
    }

    /// <summary>A request the front door may keep the answer of, once the policy has called <see cref="Capture"/>.</summary>
    private sealed class Pending
    {
        public CopyingFeature? Feature { get; set; }
    }

    /// <summary>The response body as the server's own feature gives it, with a copy kept of what goes through.</summary>
    private sealed class CopyingFeature(IHttpResponseBodyFeature prior) : StreamResponseBodyFeature(new CopyingStream(prior.Stream), prior)
    {
        public CopyingStream Copy => (CopyingStream)Stream;
    }

    /// <summary>Passes every write on, keeping a copy of up to <see cref="MaximumBodyBytes"/>.</summary>
    private sealed class CopyingStream(Stream inner) : Stream
    {
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        private int length;

        public bool Overflowed { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> span)
        {
            Keep(span);
            inner.Write(span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> memory, CancellationToken cancellationToken = default)
        {
            Keep(memory.Span);
            return inner.WriteAsync(memory, cancellationToken);
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = [];
            }

            base.Dispose(disposing);
        }

        private void Keep(ReadOnlySpan<byte> span)
        {
            if (Overflowed || span.IsEmpty)
            {
                return;
            }

            if (length + span.Length > MaximumBodyBytes)
            {
                Overflowed = true;
                return;
            }

            if (length + span.Length > buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + span.Length));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            span.CopyTo(buffer.AsSpan(length));
            length += span.Length;
        }
    }
}

public static class ReaderFrontCacheExtensions
{
    /// <summary>Before routing: an answer served from here skips everything after it.</summary>
    public static IApplicationBuilder UseReaderFrontCache(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cache = app.ApplicationServices.GetRequiredService<ReaderFrontCache>();
        return app.Use(next => context => cache.InvokeAsync(context, next));
    }
}
