using Microsoft.AspNetCore.Http.Features;

namespace PeoplesStories.Web.Hosting;

/// <summary>The sizes a request may have, from the <c>Limits</c> section of the settings.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// The largest request body. The biggest honest one is a submitted story: 20,000 characters,
    /// up to 12 bytes each once URL-encoded, plus the other fields.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 512 * 1024;

    /// <summary>The longest query string (after the <c>?</c>); a search of 500 characters fits even fully percent-encoded.</summary>
    public int MaxQueryStringLength { get; set; } = 4096;

    /// <summary>
    /// The most fields a form may post. The story form is the largest: about a dozen fields and seven
    /// per update, so this lets an editor work on a story of more than a hundred updates (the
    /// archive's longest have a few dozen). The body limit still bounds what a form can send.
    /// </summary>
    public int MaxFormFields { get; set; } = 1024;

    /// <summary>The longest single form value, decoded; the longest field is a story of 20,000 characters.</summary>
    public int MaxFormValueLength { get; set; } = 64 * 1024;
}

/// <summary>
/// Refuses requests larger than the site ever needs before anything reads them: a body over
/// <see cref="RequestLimitOptions.MaxRequestBodyBytes"/> answers 413, a query string over
/// <see cref="RequestLimitOptions.MaxQueryStringLength"/> answers 400. A body without a
/// Content-Length (sent in chunks) is read here first, up to the limit, so that one too large gets
/// the same 413 wherever it is sent, rather than failing later in the form reader (which the
/// antiforgery check reports as a 400) or not at all on an address that never reads it. Kestrel
/// enforces the body limit too, and the form reader the field count and length; a form it cannot
/// read is refused by the antiforgery check with 400. Every refusal gets the site's error page, or
/// ProblemDetails under <c>/api</c>.
/// </summary>
public static class RequestLimits
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limits = builder.Configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = limits.MaxFormFields;
            form.ValueLengthLimit = limits.MaxFormValueLength;
            form.KeyLengthLimit = 256;
            form.MultipartBodyLengthLimit = limits.MaxRequestBodyBytes;
        });
        return builder;
    }

    /// <summary>Must run inside the status code pages, so a refusal gets the site's error page.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.ApplicationServices.GetRequiredService<RequestLimitOptions>();
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.ContentLength > limits.MaxRequestBodyBytes)
            {
                await RefuseBodyAsync(context, StatusCodes.Status413PayloadTooLarge);
                return;
            }

            if (request.QueryString.Value?.Length > limits.MaxQueryStringLength)
            {
                await Refuse(context, StatusCodes.Status400BadRequest, "The query string is longer than the site accepts.");
                return;
            }

            if (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
                && await BufferUnknownLengthAsync(context, limits.MaxRequestBodyBytes) is var status and not StatusCodes.Status200OK)
            {
                await RefuseBodyAsync(context, status);
                return;
            }

            await next(context);
        });
    }

    private static Task RefuseBodyAsync(HttpContext context, int status)
    {
        // The rest of the body is never read: the error page (re-executed on this request) must not try either.
        context.Request.Body = Stream.Null;
        context.Request.ContentLength = 0;
        return Refuse(context, status, status == StatusCodes.Status413PayloadTooLarge
            ? "The request body is larger than the site accepts."
            : "The request body could not be read.");
    }

    /// <summary>
    /// Reads a body of unknown length into a buffer (memory, then a temporary file) that the rest of
    /// the request reads from the start; 413 when it is longer than <paramref name="limit"/>, 400 when
    /// it is malformed (a bad chunk), 200 when it was read whole.
    /// </summary>
    private static async Task<int> BufferUnknownLengthAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        request.EnableBuffering();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return StatusCodes.Status413PayloadTooLarge;
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limit (the same number) or a malformed body: its status says which.
            return ex.StatusCode;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return StatusCodes.Status200OK;
    }

    private static Task Refuse(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // The API speaks ProblemDetails, never the HTML error page.
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return TypedResults.Problem(statusCode: status, detail: detail).ExecuteAsync(context);
        }

        return Task.CompletedTask;
    }
}
