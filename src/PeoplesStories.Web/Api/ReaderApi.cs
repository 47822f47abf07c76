// Program.cs calls AddReaderApi, UseApiProblemDetails and MapReaderApi without a using of its own.
global using static PeoplesStories.Web.Api.ReaderApi;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Api;

/// <summary>
/// The read-only JSON API under <c>/api</c>: published stories and countries, described by the
/// OpenAPI document at <c>/openapi/v1.json</c>. Every error under <c>/api</c> is a ProblemDetails
/// body (see <see cref="ApiProblemDetailsMiddleware"/>).
/// </summary>
public static class ReaderApi
{
    private const int PageSize = 20;

    public static IServiceCollection AddReaderApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "People's Stories",
                Version = "v1",
                Description = "Read-only access to the published human-rights stories, their dated updates and sources.",
            };
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Answers every empty error under <c>/api</c> (unknown route, wrong method, bad parameter, exception) with ProblemDetails instead of the HTML error page.</summary>
    public static IApplicationBuilder UseApiProblemDetails(this IApplicationBuilder app) => app.UseMiddleware<ApiProblemDetailsMiddleware>();

    public static IEndpointRouteBuilder MapReaderApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();

        var api = endpoints.MapGroup(ApiProblemDetailsMiddleware.Prefix).WithTags("Stories");

        api.MapGet("/stories", ListStories)
            .WithName("ListStories")
            .WithSummary("Published stories, most recently updated first, 20 a page.")
            .WithDescription("Narrowed by an ISO 3166-1 alpha-2 country code and/or a section slug; an unknown country or section gives an empty list. A page below 1 or not a number is a 400.")
            .Produces<StoryListResponse>()
            .ProducesValidationProblem();

        api.MapGet("/stories/{slug}", GetStory)
            .WithName("GetStory")
            .WithSummary("A published story with every update, its dates and sources.")
            .Produces<StoryDetailResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/countries", ListCountries)
            .WithName("ListCountries")
            .WithSummary("Countries that have published stories, with their story counts and latest update dates.")
            .Produces<CountryListResponse>();

        return endpoints;
    }

    private static async Task<Results<Ok<StoryListResponse>, ValidationProblem>> ListStories(
        StoryReader reader,
        [Description("ISO 3166-1 alpha-2 country code, any case, e.g. kh.")] string? country,
        [Description("Section slug, e.g. freedom.")] string? section,
        [Description("Page number, 1 or more; 1 when absent.")] int? page,
        CancellationToken cancellationToken)
    {
        if (page is < 1)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["page"] = ["The page must be 1 or more."] },
                title: "The page is not valid.");
        }

        var filter = new StoryFilter(Blank(country), Blank(section), page ?? 1, PageSize);
        var list = await reader.ListAsync(filter, cancellationToken);
        return TypedResults.Ok(StoryListResponse.From(list));
    }

    private static async Task<Results<Ok<StoryDetailResponse>, ProblemHttpResult>> GetStory(
        StoryReader reader,
        [Description("The story's slug, as in its page address /stories/{slug}.")] string slug,
        CancellationToken cancellationToken)
    {
        var story = await reader.FindAsync(slug, cancellationToken);
        return story is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Story not found.", detail: $"No published story has the slug '{slug}'.")
            : TypedResults.Ok(StoryDetailResponse.From(story));
    }

    private static async Task<Ok<CountryListResponse>> ListCountries(StoryReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(CountryListResponse.From(await reader.CountriesAsync(cancellationToken)));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
