using System.Net;
using System.Text.Json;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.IntegrationTests.Submissions;
using PeoplesStories.Web.Hosting;
using PeoplesStories.Web.Search;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Guestbook.GuestbookClient;

namespace PeoplesStories.IntegrationTests.Hosting;

/// <summary>Requests larger than the site needs are refused clearly: 413 or 400, the site's page for HTML, ProblemDetails for the API.</summary>
public sealed class RequestLimitsTests : IDisposable
{
    private static readonly RequestLimitOptions Defaults = new();

    private readonly StoriesAppFactory app = SubmissionClient.NewApp().WithSetting("Guestbook:MinimumSecondsToSubmit", "0");

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_body_over_the_limit_answers_413_with_the_sites_page()
    {
        using var client = NewClient(app);
        var (_, token, formTime) = await GetFormAsync(client);
        using var response = await PostAsync(client, token, formTime, "Ana", new string('x', (int)Defaults.MaxRequestBodyBytes));

        await AssertErrorPageAsync(response, HttpStatusCode.RequestEntityTooLarge, "What you sent is too large");
        Assert.Empty(await EntriesAsync(app));
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read_and_the_field_refused_beside_it()
    {
        using var client = NewClient(app);
        using var response = await SignAsync(client, "Ana", new string('x', 2001));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Equal("A message can be at most 2000 characters long.", page.QuerySelector("#message-error")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_query_string_over_the_limit_answers_400_with_the_sites_page()
    {
        using var client = NewClient(app);
        using var response = await client.GetAsync("/search?q=" + new string('a', Defaults.MaxQueryStringLength));

        await AssertErrorPageAsync(response, HttpStatusCode.BadRequest, "The request could not be read");
    }

    [Theory]
    [InlineData("GET", HttpStatusCode.BadRequest)]
    [InlineData("POST", HttpStatusCode.RequestEntityTooLarge)]
    public async Task The_api_refuses_with_problem_details(string method, HttpStatusCode expected)
    {
        using var client = NewClient(app);
        using var request = method == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, "/api/search?q=" + new string('a', Defaults.MaxQueryStringLength))
            : new HttpRequestMessage(HttpMethod.Post, "/api/search") { Content = new ByteArrayContent(new byte[Defaults.MaxRequestBodyBytes + 1]) };
        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_form_with_too_many_fields_or_a_value_too_long_answers_400()
    {
        using var client = NewClient(app);
        var (_, token, formTime) = await GetFormAsync(client);
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("FormTime", formTime), new("Input.Name", "Ana"), new("Input.Message", "Hello") };
        using (var many = new FormUrlEncodedContent(fields.Concat(Enumerable.Range(0, Defaults.MaxFormFields).Select(i => KeyValuePair.Create($"extra{i}", "x")))))
        using (var response = await client.PostAsync("/guestbook", many))
        {
            await AssertErrorPageAsync(response, HttpStatusCode.BadRequest, "The request could not be read");
        }

        using (var longValue = new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("extra", new string('x', Defaults.MaxFormValueLength + 1)))))
        using (var response = await client.PostAsync("/guestbook", longValue))
        {
            await AssertErrorPageAsync(response, HttpStatusCode.BadRequest, "The request could not be read");
        }

        Assert.Empty(await EntriesAsync(app));
    }

    [Fact]
    public async Task Submit_a_story_refuses_overlong_sources_and_dates_beside_each_field()
    {
        using var client = NewClient(app);
        using var response = await SubmissionClient.SubmitAsync(client, new SubmitForm(Sources: new string('h', 10_001), Date: new string('1', 41)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Equal("Sources can be at most 10000 characters long.", page.QuerySelector("#sources-error")?.TextContent.Trim());
        Assert.Equal("A date can be at most 40 characters long.", page.QuerySelector("#date-error")?.TextContent.Trim());
        Assert.Empty(await SubmissionClient.SubmissionsAsync(app));
    }

    [Theory]
    [InlineData("/guestbook")]
    [InlineData("/submit")]
    [InlineData("/editor/sign-in")]
    [InlineData("/search?q=river")]
    public async Task Every_text_field_of_a_form_has_a_maxlength(string url)
    {
        using var client = NewClient(app);
        var page = await client.GetDocumentAsync(url);
        var fields = page.QuerySelectorAll("form textarea, form input:not([type=hidden]):not([type=checkbox]):not([type=submit])").ToList();

        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.True(int.TryParse(f.GetAttribute("maxlength"), out var max) && max > 0, $"{url}: {f.OuterHtml} has no maxlength"));
    }

    [Fact]
    public async Task A_search_of_many_terms_and_operators_is_answered_with_at_most_the_term_limit()
    {
        var query = string.Join(' ', Enumerable.Range(0, 120).Select(i => i % 3 == 0 ? "OR" : i % 3 == 1 ? $"NEAR(w{i}*" : $"\"p{i} q{i}\""));
        Assert.Equal(SearchExpression.MaxTerms, SearchExpression.Parse(query).Count);

        using var client = NewClient(app);
        using var page = await client.GetAsync("/search?q=" + Uri.EscapeDataString(query));
        using var api = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response, HttpStatusCode status, string heading)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await ParseAsync(response);
        Assert.Equal(heading, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".site-header"));
    }
}
