using Microsoft.AspNetCore.Diagnostics;

namespace PeoplesStories.Web.Api;

/// <summary>
/// Keeps API errors in JSON. For requests under <c>/api</c> it turns off the site's status code
/// pages (which would re-execute <c>/Error</c> and answer HTML), then gives any error response
/// that has no body yet (unknown route, wrong method, a parameter that does not bind) a
/// ProblemDetails body, and answers an unhandled exception with a 500 ProblemDetails that does
/// not reveal the exception. Responses an endpoint already wrote, ProblemDetails included, pass
/// through untouched. Runs after routing, so it sees the API's own endpoints' results.
/// </summary>
public sealed class ApiProblemDetailsMiddleware(RequestDelegate next, ILogger<ApiProblemDetailsMiddleware> logger)
{
    public const string Prefix = "/api";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // Thrown instead of a bare 400 when RouteHandlerOptions.ThrowOnBadRequest is on (Development).
            context.Response.Clear();
            await WriteProblemAsync(context, exception.StatusCode, exception.Message);
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(exception, "The API request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WriteProblemAsync(context, StatusCodes.Status500InternalServerError, detail: null);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            // Headers already set (Allow on a 405) are kept.
            await WriteProblemAsync(context, response.StatusCode, detail: null);
        }
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string? detail) =>
        TypedResults.Problem(statusCode: status, detail: detail).ExecuteAsync(context);
}
