using System.Net;
using System.Text.Json;
using static PeoplesStories.IntegrationTests.Search.SearchApp;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>GET /api/search: the JSON contract.</summary>
public sealed class SearchApiTests(SearchApp app) : IClassFixture<SearchApp>
{
    private readonly HttpClient client = app.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task A_search_answers_in_the_agreed_shape()
    {
        var root = await GetJsonAsync("/api/search?q=scamming&country=KH");

        Assert.Equal(["query", "country", "page", "pageSize", "total", "results"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("scamming", root.GetProperty("query").GetString());
        Assert.Equal("kh", root.GetProperty("country").GetString());
        Assert.Equal(1, root.GetProperty("page").GetInt32());
        Assert.Equal(10, root.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, root.GetProperty("total").GetInt32());

        var hit = Assert.Single(root.GetProperty("results").EnumerateArray());
        Assert.Equal(["slug", "title", "byline", "url", "latestDate", "countries", "snippet"], hit.EnumerateObject().Select(p => p.Name));
        Assert.Equal(CambodiaSlug, hit.GetProperty("slug").GetString());
        Assert.Equal(CambodiaTitle, hit.GetProperty("title").GetString());
        Assert.Equal(CambodiaByline, hit.GetProperty("byline").GetString());
        Assert.Equal("/stories/" + CambodiaSlug, hit.GetProperty("url").GetString());
        Assert.Equal("2025-06", hit.GetProperty("latestDate").GetString());
        var countries = hit.GetProperty("countries").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal("KH", countries[0]);
        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", c));
        Assert.Contains("<mark>scamming</mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_country_it_is_null_and_paging_follows_the_page_parameter()
    {
        var first = await GetJsonAsync("/api/search?q=pagerword");
        Assert.Equal(JsonValueKind.Null, first.GetProperty("country").ValueKind);
        Assert.Equal(PagedStories, first.GetProperty("total").GetInt32());
        Assert.Equal(10, first.GetProperty("results").GetArrayLength());

        var second = await GetJsonAsync("/api/search?q=pagerword&page=2");
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(PagedStories - 10, second.GetProperty("results").GetArrayLength());
        var slugs = first.GetProperty("results").EnumerateArray().Concat(second.GetProperty("results").EnumerateArray()).Select(r => r.GetProperty("slug").GetString()).ToList();
        Assert.Equal(PagedStories, slugs.Distinct().Count());
    }

    [Fact]
    public async Task Snippets_are_encoded_text_with_only_mark_elements()
    {
        var root = await GetJsonAsync("/api/search?q=tagword");
        var snippet = root.GetProperty("results")[0].GetProperty("snippet").GetString();
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; <mark>tagword</mark> &amp; &lt;b&gt;bold&lt;/b&gt; text.", snippet);
    }

    [Theory]
    [InlineData("/api/search")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search?q=%22")]
    [InlineData("/api/search?q=NEAR(%20title:x%20*")]
    [InlineData("/api/search?q=%00")]
    [InlineData("/api/search?q=scamming&country=%27%3B")]
    [InlineData("/api/search?q=%F0%9F%98%80")]
    public async Task Odd_requests_answer_200_with_json(string url)
    {
        var root = await GetJsonAsync(url);
        Assert.True(root.GetProperty("total").GetInt32() >= 0);
        Assert.True(root.GetProperty("page").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("results").ValueKind);
    }

    [Theory]
    [InlineData("/api/search?q=scamming&page=abc")]
    [InlineData("/api/search?q=scamming&page=-4")]
    [InlineData("/api/search?q=scamming&page=0")]
    public async Task A_page_that_is_not_1_or_more_is_a_400_problem(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_not_an_error()
    {
        var root = await GetJsonAsync("/api/search?q=scamming&page=50");
        Assert.Equal(1, root.GetProperty("total").GetInt32());
        Assert.Equal(0, root.GetProperty("results").GetArrayLength());
    }
}
