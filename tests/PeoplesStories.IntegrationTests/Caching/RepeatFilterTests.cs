using PeoplesStories.Web.Hosting;

namespace PeoplesStories.IntegrationTests.Caching;

/// <summary>
/// The output cache's admission filter: an address with a query string is kept from its second
/// request on, and one asked for once is seldom taken for a repeat (searches are mostly asked once).
/// </summary>
public sealed class RepeatFilterTests
{
    [Fact]
    public void An_address_asked_again_is_a_repeat()
    {
        var filter = new RepeatFilter();
        Assert.False(filter.SeenBefore("/search?q=rights"));
        Assert.True(filter.SeenBefore("/search?q=rights"));
        Assert.False(filter.SeenBefore("/search?q=rights&page=2"));
    }

    [Fact]
    public void Addresses_asked_once_are_seldom_taken_for_repeats()
    {
        // 100,000 different searches, each once (three times the addresses between two emptyings):
        // each one taken for a repeat is a page copied into the cache for no one.
        var filter = new RepeatFilter();
        var repeats = Enumerable.Range(0, 100_000).Count(i => filter.SeenBefore($"/search?q=word{i}&nocache={i * 7919}"));
        Assert.True(repeats < 3_000, $"{repeats} of 100,000 addresses asked once were taken for repeats");

        // Between two emptyings, every address asked before is known as a repeat.
        var recent = new RepeatFilter();
        var addresses = Enumerable.Range(0, 10_000).Select(i => $"/search?q=recent{i}").ToList();
        addresses.ForEach(address => recent.SeenBefore(address));
        Assert.All(addresses, address => Assert.True(recent.SeenBefore(address), address));
    }
}
