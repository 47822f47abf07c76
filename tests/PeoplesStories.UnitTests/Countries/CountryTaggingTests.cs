using PeoplesStories.Archive.Countries;

namespace PeoplesStories.UnitTests.Countries;

public class CountryTaggingTests
{
    private static readonly CountryGazetteer Gazetteer = CountryGazetteer.Default;

    [Fact]
    public void The_first_country_named_in_the_title_is_primary_even_when_another_is_named_more_often()
    {
        var tags = Gazetteer.Tag("Thai and Cambodian workers rescued", ["Cambodia, Cambodia and Cambodia again."]);

        Assert.Equal(["TH", "KH"], tags.Select(t => t.Code));
        Assert.Equal([true, false], tags.Select(t => t.IsPrimary));
        Assert.Equal([1, 4], tags.Select(t => t.Mentions));
        Assert.Equal(["Thai", "Cambodian"], tags.Select(t => t.FirstPhrase));
    }

    [Fact]
    public void Without_a_country_in_the_title_the_one_named_most_often_is_primary()
    {
        var tags = Gazetteer.Tag("A report on migrant workers", ["Kenya and Uganda.", "Uganda again, and Ugandan courts."]);

        Assert.Equal(["UG", "KE"], tags.Select(t => t.Code));
        Assert.True(tags[0].IsPrimary);
        Assert.Equal(3, tags[0].Mentions);
        Assert.False(tags[1].IsPrimary);
    }

    [Fact]
    public void A_tie_goes_to_the_country_named_first()
    {
        var tags = Gazetteer.Tag("A report", ["Uganda met Kenya.", "Kenya met Uganda."]);

        Assert.Equal("UG", Assert.Single(tags, t => t.IsPrimary).Code);
        Assert.Equal(["UG", "KE"], tags.Select(t => t.Code));

        var reversed = Gazetteer.Tag("A report", ["Kenya met Uganda.", "Uganda met Kenya."]);
        Assert.Equal(["KE", "UG"], reversed.Select(t => t.Code));
        Assert.True(reversed[0].IsPrimary);
    }

    [Fact]
    public void Others_are_ordered_by_mentions_then_code()
    {
        var tags = Gazetteer.Tag("Chad", ["Togo, Benin, Benin, Angola, Togo, Benin, Angola, Zambia, Chad"]);

        Assert.Equal(["TD", "BJ", "AO", "TG", "ZM"], tags.Select(t => t.Code));
        Assert.Equal([2, 3, 2, 2, 1], tags.Select(t => t.Mentions));
    }

    [Fact]
    public void Urls_in_texts_do_not_tag()
    {
        var tags = Gazetteer.Tag("Scam compounds", ["Survivors from Nepal.", "http://www.example.org/cambodia-report http://www.hrw.org/news/us-Cambodia"]);

        Assert.Equal("NP", Assert.Single(tags).Code);
    }

    [Fact]
    public void A_story_naming_no_country_has_no_tags()
    {
        Assert.Empty(Gazetteer.Tag("Democracy in Europe", ["Latin America, Asia and billions of US dollars."]));
        Assert.Empty(Gazetteer.Tag(string.Empty, []));
    }

    [Fact]
    public void The_gazetteer_can_be_shared_between_threads()
    {
        var (title, texts) = SeedStories.Story1;
        var expected = string.Join(",", Gazetteer.Tag(title, texts));

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = string.Join(",", CountryGazetteer.Default.Tag(title, texts)));

        Assert.Same(Gazetteer, CountryGazetteer.Default);
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
