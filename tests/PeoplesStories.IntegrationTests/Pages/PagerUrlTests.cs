using PeoplesStories.Web.Pages;
using PeoplesStories.Web.Pages.Search;

namespace PeoplesStories.IntegrationTests.Pages;

/// <summary>
/// The addresses of list pages and searches: the query values that have a value, in their order and
/// encoded, then <c>page</c> past the first; the bare path when nothing is left.
/// </summary>
public sealed class PagerUrlTests
{
    [Fact]
    public void Values_without_a_value_are_left_out_and_page_comes_last_past_the_first()
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = "rights",
            ["country"] = "",
            ["from"] = null,
            ["page"] = "7",
            ["to"] = "2020",
        };

        Assert.Equal("/search?q=rights&to=2020&page=3", PagerModel.Url("/search", query, 3));
        Assert.Equal("/search?q=rights&to=2020", PagerModel.Url("/search", query, 1));
        Assert.Equal("/guestbook", PagerModel.Url("/guestbook", null, 1));
        Assert.Equal("/guestbook?page=2", PagerModel.Url("/guestbook", new Dictionary<string, string?> { ["state"] = "" }, 2));
        Assert.Equal("/countries/kh?page=4", new PagerModel("/countries/kh", 3, 9).NextUrl);
        Assert.Equal("/countries/kh", new PagerModel("/countries/kh", 2, 9).PreviousUrl);
    }

    [Fact]
    public void A_search_address_has_its_values_in_a_fixed_order_encoded_with_the_country_in_lower_case()
    {
        Assert.Equal(
            "/search?q=%22human%20rights%22%20%26%20journ*&country=kh&from=2015&to=2020&page=2",
            SearchModel.UrlFor("\"human rights\" & journ*", "KH", 2015, 2020, page: 2));
        Assert.Equal("/search?q=rights", SearchModel.UrlFor("rights", null, null, null));
        Assert.Equal("/search", SearchModel.UrlFor("", null, null, null));
    }
}
