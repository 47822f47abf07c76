using PeoplesStories.Archive;
using PeoplesStories.Archive.Parsing;
using PeoplesStories.Testing;

namespace PeoplesStories.UnitTests.Parsing;

/// <summary>The seed page, read in full: every story, update, date, headline and count.</summary>
public sealed class SeedFileTests
{
    private static readonly ArchiveFile Seed = ArchiveParser.Default.ParseFile(RepoPaths.SeedFile);

    [Fact]
    public void Reads_the_page_without_errors_or_warnings()
    {
        Assert.Equal("000_bc923a49c6dd647c.txt", Seed.File);
        Assert.Equal("Freedom", Seed.Section);
        Assert.Empty(Seed.Errors);
        Assert.Empty(Seed.Warnings);
        Assert.Equal(2, Seed.Stories.Count);
    }

    [Fact]
    public void First_story_has_its_title_byline_and_two_dated_updates()
    {
        var story = Seed.Stories[0];
        Assert.Equal("Cambodian authorities are not doing enough to stop scamming compounds", story.Title);
        Assert.Equal("Amnesty International, OHCHR, agencies", story.Byline);
        Assert.Equal(6, story.Line);
        Assert.Equal("Freedom", story.Section);
        Assert.Equal(2, story.Updates.Count);

        var june = story.Updates[0];
        Assert.Equal(9, june.Line);
        Assert.Equal("June 2025", june.DateText);
        Assert.Equal("2025-06", june.Date?.ToString());
        Assert.Equal(DatePrecision.Month, june.Date?.Precision);
        Assert.False(june.DateInferred);
        Assert.Null(june.Headline);
        Assert.Equal(16, june.Paragraphs.Count);
        Assert.StartsWith("The Cambodian government is ignoring a litany", june.Paragraphs[0], StringComparison.Ordinal);
        Assert.StartsWith("Survivors interviewed for Amnesty International’s report were from China", june.Paragraphs[^1], StringComparison.Ordinal);
        Assert.Equal(4, june.Links.Count);
        Assert.All(june.Links, l => Assert.Equal(43, l.Line));
        Assert.Equal("amnesty.org", june.Links[0].Host);
        Assert.Equal("2025-06", june.Links[0].Date?.ToString());

        var august = story.Updates[1];
        Assert.Equal(45, august.Line);
        Assert.Equal("Aug. 2023", august.DateText);
        Assert.Equal("2023-08", august.Date?.ToString());
        Assert.Null(august.Headline);
        Assert.Equal(16, august.Paragraphs.Count);
        Assert.Equal(4, august.Links.Count);
        Assert.Equal("ohchr.org", august.Links[0].Host);
        Assert.Equal("bangkok.ohchr.org", august.Links[1].Host);
    }

    [Fact]
    public void Second_story_opens_with_an_update_dated_from_its_first_dated_link()
    {
        var story = Seed.Stories[1];
        Assert.Equal("Democratic institutions offer the best framework for addressing social injustices", story.Title);
        Assert.Equal("PBS, Education International, agencies", story.Byline);
        Assert.Equal(85, story.Line);
        Assert.Equal(2, story.Updates.Count);

        var first = story.Updates[0];
        Assert.Equal(88, first.Line);
        Assert.True(first.DateInferred);
        Assert.Null(first.DateText);
        Assert.Equal("2025-06-13", first.Date?.ToString());
        Assert.Equal(DatePrecision.Day, first.Date?.Precision);
        Assert.Null(first.Headline);
        Assert.Equal(25, first.Paragraphs.Count);
        Assert.Equal(39, first.Links.Count);
        Assert.Equal("theguardian.com", first.Links[0].Host);
        Assert.Equal("http://www.theguardian.com/commentisfree/2025/jun/13/nobel-laureates-fascism", first.Links[0].Url);
        Assert.Equal([138, 140, 142, 144, 146], first.Links.Select(l => l.Line).Distinct());

        var september = story.Updates[1];
        Assert.Equal(148, september.Line);
        Assert.Equal("Sep. 2025", september.DateText);
        Assert.Equal("2025-09", september.Date?.ToString());
        Assert.Equal("UN Special Rapporteur warns of intensifying repression in Russia aimed at silencing dissent. (OHCHR)", september.Headline);
        Assert.Equal(11, september.Paragraphs.Count);
        Assert.StartsWith("There is an alarming escalation", september.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(6, september.Links.Count);
    }

    [Fact]
    public void Stories_are_tagged_with_the_countries_their_text_names()
    {
        var cambodia = Seed.Stories[0];
        Assert.Equal("KH", cambodia.PrimaryCountry);
        Assert.Equal(
            new[] { "BD", "CN", "ET", "HK", "ID", "IN", "KE", "KH", "LA", "MM", "MY", "NP", "PH", "SG", "TH", "TW", "VN" },
            cambodia.Countries.Select(c => c.Code).Order(StringComparer.Ordinal));

        var democracy = Seed.Stories[1];
        Assert.Equal("RU", democracy.PrimaryCountry);
        Assert.Equal(new[] { "IT", "RU", "UA" }, democracy.Countries.Select(c => c.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Paragraph_text_is_kept_exactly()
    {
        var raw = File.ReadAllText(RepoPaths.SeedFile);
        var paragraphs = Seed.Stories.SelectMany(s => s.Updates).SelectMany(u => u.Paragraphs).ToList();
        Assert.Equal(68, paragraphs.Count);
        Assert.All(paragraphs, p => Assert.Contains(p + "\n", raw, StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Contains("“I Was Someone Else’s Property”", StringComparison.Ordinal));
    }
}
