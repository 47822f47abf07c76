using System.Text.Encodings.Web;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.IntegrationTests.Reading;

/// <summary>A story's country tags as the pages write them: a list of links, names and addresses encoded.</summary>
public sealed class CountryTagsTests
{
    private static async Task<AngleSharp.Dom.IDocument> WriteAsync(params CountryLink[] countries)
    {
        using var writer = new StringWriter();
        CountryTags.Html(countries).WriteTo(writer, HtmlEncoder.Default);
        return await Search.SearchApp.ParseAsync($"<body>{writer}</body>");
    }

    [Fact]
    public async Task Each_country_is_a_link_to_its_page_in_the_order_given()
    {
        var page = await WriteAsync(new CountryLink("KH", "Cambodia", IsPrimary: true), new CountryLink("ci", "Côte d’Ivoire"));
        var list = Assert.Single(page.QuerySelectorAll("ul.tags"));
        Assert.Equal("Countries", list.GetAttribute("aria-label"));
        Assert.Equal(["/countries/kh", "/countries/ci"], list.QuerySelectorAll("li > a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["Cambodia", "Côte d’Ivoire"], list.QuerySelectorAll("li > a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Names_and_codes_are_encoded_and_read_back_as_written()
    {
        var page = await WriteAsync(new CountryLink("t\"t", "Trinidad & Tobago <islands>"));
        var link = Assert.Single(page.QuerySelectorAll("ul.tags a"));
        Assert.Equal("Trinidad & Tobago <islands>", link.TextContent);
        Assert.Equal("/countries/t\"t", link.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("islands"));
    }

    [Fact]
    public async Task A_story_with_no_country_has_no_list()
    {
        var page = await WriteAsync();
        Assert.Empty(page.QuerySelectorAll("ul"));
        Assert.Equal("", page.Body!.InnerHtml);
    }
}
