using PeoplesStories.Archive.Countries;

namespace PeoplesStories.UnitTests.Countries;

public class CountrySeedTests
{
    private static readonly CountryGazetteer Gazetteer = CountryGazetteer.Default;

    [Fact]
    public void Seed_story1_is_tagged_exactly_the_countries_it_names_with_Cambodia_primary()
    {
        var (title, texts) = SeedStories.Story1;
        Assert.True(texts.Count > 20, "the crude seed split found too few paragraphs");

        var tags = Gazetteer.Tag(title, texts);

        Assert.Equal(
            ["BD", "CN", "ET", "HK", "ID", "IN", "KE", "KH", "LA", "MM", "MY", "NP", "PH", "SG", "TH", "TW", "VN"],
            tags.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Equal("KH", tags[0].Code);
        Assert.True(tags[0].IsPrimary);
        Assert.Equal("Cambodian", tags[0].FirstPhrase);
        Assert.Single(tags, t => t.IsPrimary);
        AssertOrdered(tags);
    }

    [Fact]
    public void Seed_story1_counts_Cambodia_and_the_countries_named_twice()
    {
        var (title, texts) = SeedStories.Story1;

        var tags = Gazetteer.Tag(title, texts).ToDictionary(t => t.Code);

        // Cambodia: the title and 12 times in the text ("Cambodian", "Cambodia", "Cambodia’s"), not the URLs.
        Assert.Equal(13, tags["KH"].Mentions);
        Assert.Equal(1, tags["ET"].Mentions);
        Assert.Equal(3, tags["PH"].Mentions);
        Assert.Equal(2, tags["MM"].Mentions);
        Assert.Equal(2, tags["LA"].Mentions);
        Assert.Equal("Lao PDR", tags["LA"].FirstPhrase);
        Assert.Equal("Viet Nam", tags["VN"].FirstPhrase);
        Assert.Equal(2, tags["VN"].Mentions);
    }

    [Fact]
    public void Seed_story2_is_tagged_Russia_primary_Italy_and_Ukraine()
    {
        var (title, texts) = SeedStories.Story2;

        var tags = Gazetteer.Tag(title, texts);

        Assert.Equal(["IT", "RU", "UA"], tags.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Equal("RU", tags[0].Code);
        Assert.True(tags[0].IsPrimary);
        Assert.False(tags[1].IsPrimary);
        Assert.False(tags[2].IsPrimary);
        Assert.Equal(10, tags[0].Mentions);
        Assert.Equal(("UA", 4), (tags[1].Code, tags[1].Mentions));
        Assert.Equal(("IT", 2), (tags[2].Code, tags[2].Mentions));
        Assert.Equal("Italian", tags[2].FirstPhrase);
        AssertOrdered(tags);
    }

    [Fact]
    public void Seed_story1_mentions_in_its_title_point_at_the_title()
    {
        var mentions = Gazetteer.FindMentions(SeedStories.Title1);

        var mention = Assert.Single(mentions);
        Assert.Equal(new CountryMention("KH", "Cambodian", 0, 9), mention);
    }

    private static void AssertOrdered(IReadOnlyList<CountryTag> tags)
    {
        for (var i = 2; i < tags.Count; i++)
        {
            var (a, b) = (tags[i - 1], tags[i]);
            Assert.True(
                a.Mentions > b.Mentions || (a.Mentions == b.Mentions && string.CompareOrdinal(a.Code, b.Code) < 0),
                $"{a.Code} ({a.Mentions}) should not come before {b.Code} ({b.Mentions})");
        }
    }
}
