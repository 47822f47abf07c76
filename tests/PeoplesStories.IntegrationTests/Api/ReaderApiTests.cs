using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using PeoplesStories.IntegrationTests.Feeds;
using PeoplesStories.IntegrationTests.Infrastructure;
using static PeoplesStories.IntegrationTests.Feeds.SeededApp;

namespace PeoplesStories.IntegrationTests.Api;

/// <summary>The read-only JSON API: exact shapes, filters, paging and ProblemDetails errors.</summary>
public sealed class ReaderApiTests(SeededApp app) : IClassFixture<SeededApp>
{
    internal static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    internal static async Task<JsonElement> GetProblemAsync(HttpClient client, string path, HttpStatusCode status, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var response = await client.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problem = json.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string[] Sorted(params string[] names) => [.. names.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task The_story_list_has_the_agreed_shape()
    {
        using var client = app.CreateClient();
        var list = await GetJsonAsync(client, "/api/stories");

        Assert.Equal(Sorted("page", "pageSize", "total", "stories"), Names(list));
        Assert.Equal(1, list.GetProperty("page").GetInt32());
        Assert.Equal(20, list.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, list.GetProperty("total").GetInt32());

        var stories = list.GetProperty("stories").EnumerateArray().ToList();
        Assert.Equal([RussiaSlug, CambodiaSlug], stories.Select(s => s.GetProperty("slug").GetString()));
        Assert.All(stories, s => Assert.Equal(
            Sorted("slug", "title", "byline", "url", "section", "countries", "latestDate", "latestDateLabel", "opening"), Names(s)));

        var cambodia = stories[1];
        Assert.Equal(CambodiaTitle, cambodia.GetProperty("title").GetString());
        Assert.Equal("Amnesty International, OHCHR, agencies", cambodia.GetProperty("byline").GetString());
        Assert.Equal($"/stories/{CambodiaSlug}", cambodia.GetProperty("url").GetString());
        Assert.Equal("2025-06", cambodia.GetProperty("latestDate").GetString());
        Assert.Equal("June 2025", cambodia.GetProperty("latestDateLabel").GetString());
        Assert.StartsWith("The Cambodian government is ignoring", cambodia.GetProperty("opening").GetString(), StringComparison.Ordinal);

        var section = cambodia.GetProperty("section");
        Assert.Equal(Sorted("slug", "name"), Names(section));
        Assert.Equal("freedom", section.GetProperty("slug").GetString());
        Assert.Equal("Freedom", section.GetProperty("name").GetString());

        var primary = cambodia.GetProperty("countries")[0];
        Assert.Equal(Sorted("code", "name", "primary"), Names(primary));
        Assert.Equal("KH", primary.GetProperty("code").GetString());
        Assert.Equal("Cambodia", primary.GetProperty("name").GetString());
        Assert.True(primary.GetProperty("primary").GetBoolean());
        Assert.Single(cambodia.GetProperty("countries").EnumerateArray(), c => c.GetProperty("primary").GetBoolean());

        Assert.Equal("2025-09", stories[0].GetProperty("latestDate").GetString());
        Assert.Equal("Sep. 2025", stories[0].GetProperty("latestDateLabel").GetString());
    }

    [Theory]
    [InlineData("/api/stories?country=kh", CambodiaSlug)]
    [InlineData("/api/stories?country=KH", CambodiaSlug)]
    [InlineData("/api/stories?country=ru", RussiaSlug)]
    [InlineData("/api/stories?country=kh&section=freedom", CambodiaSlug)]
    public async Task A_country_filter_narrows_the_list(string path, string slug)
    {
        using var client = app.CreateClient();
        var list = await GetJsonAsync(client, path);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal([slug], list.GetProperty("stories").EnumerateArray().Select(s => s.GetProperty("slug").GetString()));
    }

    [Theory]
    [InlineData("/api/stories?country=zz")]
    [InlineData("/api/stories?country=cambodia")]
    [InlineData("/api/stories?section=no-such-section")]
    [InlineData("/api/stories?country=fr&section=freedom")]
    public async Task An_unknown_country_or_section_gives_an_empty_list(string path)
    {
        using var client = app.CreateClient();
        var list = await GetJsonAsync(client, path);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(0, list.GetProperty("stories").GetArrayLength());
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_keeps_the_total()
    {
        using var client = app.CreateClient();
        var list = await GetJsonAsync(client, "/api/stories?section=freedom&page=2");
        Assert.Equal(2, list.GetProperty("page").GetInt32());
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(0, list.GetProperty("stories").GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task An_invalid_page_is_a_400_problem(string page)
    {
        using var client = app.CreateClient();
        var problem = await GetProblemAsync(client, "/api/stories?page=" + page, HttpStatusCode.BadRequest);
        if (int.TryParse(page, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            Assert.Equal(["page"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task A_story_has_the_agreed_shape_with_every_update()
    {
        using var client = app.CreateClient();
        var russia = await GetJsonAsync(client, $"/api/stories/{RussiaSlug}");
        var cambodia = await GetJsonAsync(client, $"/api/stories/{CambodiaSlug}");

        foreach (var story in new[] { russia, cambodia })
        {
            Assert.Equal(Sorted("slug", "title", "byline", "url", "section", "countries", "updatedAt", "updates"), Names(story));
            var updatedAt = story.GetProperty("updatedAt").GetString()!;
            Assert.EndsWith("Z", updatedAt, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.Zero, DateTimeOffset.Parse(updatedAt, CultureInfo.InvariantCulture).Offset);
            foreach (var update in story.GetProperty("updates").EnumerateArray())
            {
                Assert.Equal(Sorted("anchor", "date", "dateText", "dateInferred", "headline", "paragraphs", "links"), Names(update));
                Assert.All(update.GetProperty("links").EnumerateArray(), link =>
                {
                    Assert.Equal(Sorted("url", "host"), Names(link));
                    Assert.StartsWith("http", link.GetProperty("url").GetString(), StringComparison.Ordinal);
                });
            }
        }

        var updates = russia.GetProperty("updates").EnumerateArray().Concat(cambodia.GetProperty("updates").EnumerateArray()).ToList();
        Assert.Equal(4, updates.Count);

        Assert.Equal(RussiaTitle, russia.GetProperty("title").GetString());
        Assert.Equal($"/stories/{RussiaSlug}", russia.GetProperty("url").GetString());
        Assert.Equal("RU", russia.GetProperty("countries")[0].GetProperty("code").GetString());
        var inferred = russia.GetProperty("updates")[0];
        Assert.Equal("2025-06-13", inferred.GetProperty("date").GetString());
        Assert.True(inferred.GetProperty("dateInferred").GetBoolean());
        Assert.Equal(JsonValueKind.Null, inferred.GetProperty("dateText").ValueKind);
        Assert.Equal("update-2025-06-13", inferred.GetProperty("anchor").GetString());
        var september = russia.GetProperty("updates")[1];
        Assert.Equal("2025-09", september.GetProperty("date").GetString());
        Assert.Equal("Sep. 2025", september.GetProperty("dateText").GetString());
        Assert.Equal("update-2025-09", september.GetProperty("anchor").GetString());
        Assert.Equal("UN Special Rapporteur warns of intensifying repression in Russia aimed at silencing dissent. (OHCHR)", september.GetProperty("headline").GetString());
        Assert.Equal("ohchr.org", september.GetProperty("links")[0].GetProperty("host").GetString());
        Assert.Contains(russia.GetProperty("updates").EnumerateArray().SelectMany(u => u.GetProperty("links").EnumerateArray()), l => l.GetProperty("host").GetString() == "theguardian.com");

        Assert.Equal(["June 2025", "Aug. 2023"], cambodia.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("dateText").GetString()));
        Assert.Equal(["2025-06", "2023-08"], cambodia.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("date").GetString()));
        Assert.Equal(["update-2025-06", "update-2023-08"], cambodia.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("anchor").GetString()));
        var june = cambodia.GetProperty("updates")[0];
        Assert.False(june.GetProperty("dateInferred").GetBoolean());
        Assert.Equal(JsonValueKind.Null, june.GetProperty("headline").ValueKind);
        Assert.True(june.GetProperty("paragraphs").GetArrayLength() > 1);
        Assert.StartsWith("The Cambodian government is ignoring", june.GetProperty("paragraphs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("amnesty.org", june.GetProperty("links")[0].GetProperty("host").GetString());
        Assert.Equal(53, updates.Sum(u => u.GetProperty("links").GetArrayLength()));
    }

    [Fact]
    public async Task A_missing_story_is_a_404_problem_not_the_html_error_page()
    {
        using var client = app.CreateClient();
        var problem = await GetProblemAsync(client, "/api/stories/no-such-story", HttpStatusCode.NotFound);
        Assert.Contains("no-such-story", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_routes_and_wrong_methods_are_problems_too()
    {
        using var client = app.CreateClient();
        await GetProblemAsync(client, "/api/no-such-thing", HttpStatusCode.NotFound);
        await GetProblemAsync(client, "/api/stories/a/b", HttpStatusCode.NotFound);
        await GetProblemAsync(client, "/api/stories", HttpStatusCode.MethodNotAllowed, HttpMethod.Post);

        // Outside /api the friendly HTML page still answers.
        using var page = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_countries_list_has_the_agreed_shape()
    {
        using var client = app.CreateClient();
        var body = await GetJsonAsync(client, "/api/countries");
        Assert.Equal(["countries"], Names(body));

        var countries = body.GetProperty("countries").EnumerateArray().ToList();
        Assert.All(countries, c => Assert.Equal(Sorted("code", "name", "region", "subRegion", "stories", "latestUpdate", "url"), Names(c)));
        var cambodia = Assert.Single(countries, c => c.GetProperty("code").GetString() == "KH");
        Assert.Equal("Cambodia", cambodia.GetProperty("name").GetString());
        Assert.Equal("Asia", cambodia.GetProperty("region").GetString());
        Assert.Equal("South-eastern Asia", cambodia.GetProperty("subRegion").GetString());
        Assert.Equal(1, cambodia.GetProperty("stories").GetInt32());
        Assert.Equal("2025-06-01", cambodia.GetProperty("latestUpdate").GetString());
        Assert.Equal("/countries/kh", cambodia.GetProperty("url").GetString());
        var russia = Assert.Single(countries, c => c.GetProperty("code").GetString() == "RU");
        Assert.Equal("2025-09-01", russia.GetProperty("latestUpdate").GetString());
        Assert.DoesNotContain(countries, c => c.GetProperty("code").GetString() == "FR");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var client = app.CreateClient();
        var document = await GetJsonAsync(client, "/openapi/v1.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.Equal("ListStories", paths.GetProperty("/api/stories").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("GetStory", paths.GetProperty("/api/stories/{slug}").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("ListCountries", paths.GetProperty("/api/countries").GetProperty("get").GetProperty("operationId").GetString());
        Assert.True(paths.GetProperty("/api/stories/{slug}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
        var described = paths.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain("/feed", described);
        Assert.DoesNotContain("/sitemap.xml", described);
        Assert.DoesNotContain("/robots.txt", described);

        var listSchema = document.GetProperty("components").GetProperty("schemas").GetProperty("StoryListResponse").GetProperty("properties");
        Assert.Equal(Sorted("page", "pageSize", "total", "stories"), Names(listSchema));
    }
}

/// <summary>The API over a database the test changes.</summary>
public sealed class ReaderApiChangeTests
{
    [Fact]
    public async Task A_story_taken_off_the_site_leaves_the_api_at_once()
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient();
        Assert.Equal(2, (await ReaderApiTests.GetJsonAsync(client, "/api/stories")).GetProperty("total").GetInt32());
        await ReaderApiTests.GetJsonAsync(client, $"/api/stories/{CambodiaSlug}");

        await app.ScalarAsync("""UPDATE "Stories" SET "State" = 'Draft' WHERE "Title" LIKE 'Cambodian%'""");

        var list = await ReaderApiTests.GetJsonAsync(client, "/api/stories");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal([RussiaSlug], list.GetProperty("stories").EnumerateArray().Select(s => s.GetProperty("slug").GetString()));
        Assert.Equal(0, (await ReaderApiTests.GetJsonAsync(client, "/api/stories?country=kh")).GetProperty("total").GetInt32());
        await ReaderApiTests.GetProblemAsync(client, $"/api/stories/{CambodiaSlug}", HttpStatusCode.NotFound);
        var countries = (await ReaderApiTests.GetJsonAsync(client, "/api/countries")).GetProperty("countries").EnumerateArray();
        Assert.DoesNotContain(countries, c => c.GetProperty("code").GetString() == "KH");
    }

    [Fact]
    public async Task A_failing_database_is_a_500_problem_that_reveals_nothing_inside()
    {
        using var app = new StoriesAppFactory();
        using var client = app.CreateClient();
        await ReaderApiTests.GetJsonAsync(client, "/api/countries");

        // A table the query needs is renamed under the running site: the query now throws.
        await app.ScalarAsync("""ALTER TABLE "StoryCountries" RENAME TO "StoryCountriesGone" """);

        var problem = await ReaderApiTests.GetProblemAsync(client, "/api/countries", HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("SQLite", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Postgres", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("StoryCountries", problem.GetRawText(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task In_development_a_parameter_that_does_not_bind_is_still_a_400_problem()
    {
        // Development makes minimal APIs throw on a bad parameter instead of answering a bare 400.
        using var app = new StoriesAppFactory();
        using var development = app.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));
        using var client = development.CreateClient();

        var problem = await ReaderApiTests.GetProblemAsync(client, "/api/stories?page=abc", HttpStatusCode.BadRequest);
        Assert.Contains("page", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ReaderApiTests.GetProblemAsync(client, "/api/stories?page=0", HttpStatusCode.BadRequest);
    }
}
