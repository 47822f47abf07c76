using PeoplesStories.Web.Reading;

namespace PeoplesStories.IntegrationTests.Reading;

/// <summary>The country list's options, encoded once and written with one of them selected.</summary>
public sealed class CountryOptionsTests
{
    private static readonly CountryOptions Options = new(
    [
        new CountryStat("CI", "Côte d’Ivoire", "Africa", "Western Africa", 2, null),
        new CountryStat("KH", "Cambodia", "Asia", "South-eastern Asia", 5, null),
        new CountryStat("TT", "Trinidad & Tobago <islands>", "Americas", "Caribbean", 1, null),
    ]);

    private static async Task<AngleSharp.Dom.IDocument> SelectAsync(string? code)
    {
        using var writer = new StringWriter();
        Options.Render(code).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return await Search.SearchApp.ParseAsync($"<select>{writer}</select>");
    }

    [Theory]
    [InlineData("kh")]
    [InlineData("KH")]
    [InlineData("Kh")]
    public async Task The_country_asked_for_is_selected_whatever_its_case(string code)
    {
        var page = await SelectAsync(code);
        Assert.Equal(["ci", "kh", "tt"], page.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal("kh", Assert.Single(page.QuerySelectorAll("option[selected]")).GetAttribute("value"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("zz")]
    [InlineData("")]
    public async Task No_option_is_selected_for_no_country_or_one_not_in_the_list(string? code)
    {
        var page = await SelectAsync(code);
        Assert.Equal(3, page.QuerySelectorAll("option").Length);
        Assert.Empty(page.QuerySelectorAll("option[selected]"));
    }

    [Fact]
    public async Task Names_are_encoded_and_read_back_as_written()
    {
        var page = await SelectAsync("tt");
        Assert.Equal(["Côte d’Ivoire", "Cambodia", "Trinidad & Tobago <islands>"], page.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Empty(page.QuerySelectorAll("islands"));
    }
}
