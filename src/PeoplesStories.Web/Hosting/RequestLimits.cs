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

    /// <summary>The most fields a form may post; the largest form has about a dozen.</summary>
    public int MaxFormFields { get; set; } = 64;

    /// <summary>The longest single form value, decoded; the longest field is a story of 20,000 characters.</summary>
    public int MaxFormValueLength { get; set; } = 64 * 1024;
}

/// <summary>
/// Refuses requests larger than the site ever needs before anything reads them: a body over
/// <see cref="RequestLimitOptions.MaxRequestBodyBytes"/> answers 413, a query string over
/// <see cref="RequestLimitOptions.MaxQueryStringLength"/> answers 400. Kestrel enforces the body
/// limit on bodies without a Content-Length too, and the form reader the field count and length;
/// a form it cannot read is refused by the antiforgery check with 400. Every refusal gets the
/// site's error page, or ProblemDetails under <c>/api</c>.
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
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.ContentLength > limits.MaxRequestBodyBytes)
            {
                // The body is never read: the error page (re-executed on this request) must not try either.
                request.Body = Stream.Null;
                request.ContentLength = 0;
                return Refuse(context, StatusCodes.Status413PayloadTooLarge);
            }

            if (request.QueryString.Value?.Length > limits.MaxQueryStringLength)
            {
                return Refuse(context, StatusCodes.Status400BadRequest);
            }

            return next(context);
        });
    }

    private static Task Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // The API speaks ProblemDetails, never the HTML error page.
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return TypedResults.Problem(statusCode: status, detail: status == StatusCodes.Status413PayloadTooLarge
                ? "The request body is larger than the site accepts."
                : "The query string is longer than the site accepts.").ExecuteAsync(context);
        }

        return Task.CompletedTask;
    }
}
