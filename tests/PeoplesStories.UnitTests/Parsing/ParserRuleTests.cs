using System.Text;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Parsing;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.UnitTests.Parsing;

/// <summary>One small page for each rule and quirk of ARCHIVE-FORMAT.md.</summary>
public sealed class ParserRuleTests
{
    private static ArchiveFile Parse(string text) => ArchiveParser.Default.ParseText("fixture.txt", text);

    private static ArchiveStory Single(string text)
    {
        var file = Parse(text);
        Assert.Empty(file.Errors);
        return Assert.Single(file.Stories);
    }

    [Theory]
    [InlineData("People's Stories Freedom", "Freedom")]
    [InlineData("People’s Stories Freedom", "Freedom")]
    [InlineData("  People's Stories   Women and Children  ", "Women and Children")]
    public void Header_names_the_section_with_either_apostrophe(string header, string section)
    {
        var text = Page("X", Story("Title", "Someone", "June 2025", "Text.")).Replace("People's Stories X", header, StringComparison.Ordinal);
        var file = Parse(text);
        Assert.Empty(file.Errors);
        Assert.Equal(section, file.Section);
        Assert.Equal(section, file.Stories[0].Section);
    }

    [Fact]
    public void Navigation_chrome_is_never_content()
    {
        var story = Single(Page("Freedom",
            [.. Story("Title", "Someone", "June 2025", "Body.", "Visit the related web page", "http://example.org/a"), "View more stories"]));
        var update = Assert.Single(story.Updates);
        Assert.Equal(["Body."], update.Paragraphs);
        Assert.Single(update.Links);
    }

    [Fact]
    public void Footer_parts_on_separate_lines_end_the_page()
    {
        string[] lines = ["People's Stories Freedom", "", .. Story("Title", "Someone", "June 2025", "Body."), "Submit a Story", "Search by keyword and country", "Guestbook"];
        var text = string.Join("\n", lines);
        var story = Single(text);
        Assert.Equal(["Body."], story.Updates[0].Paragraphs);
    }

    [Fact]
    public void Byte_order_mark_and_CRLF_read_the_same_as_plain_LF()
    {
        var plain = Page("Freedom", Story("Title", "Someone", "June 2025", "Body one.", "Body two.", "http://example.org/2025/06/x"));
        var windows = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(plain.Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray();
        var a = Parse(plain);
        var b = ArchiveParser.Default.Parse("fixture.txt", windows);
        Assert.Empty(b.Errors);
        Assert.Equal(ArchiveJson.ToJson(a.Stories[0]), ArchiveJson.ToJson(b.Stories[0]), new StoryJsonComparer());
        Assert.Equal(a.Stories[0].Updates[0].Line, b.Stories[0].Updates[0].Line);
    }

    [Fact]
    public void Lone_CR_and_mixed_line_endings_read_the_same_as_plain_LF_with_the_same_line_numbers()
    {
        var plain = Page("Freedom", Story("Title", "Someone", "June 2025", "Body one.", "", "Body two.", "http://example.org/2025/06/x"));
        var endings = new[] { "\r", "\r\n", "\n" };
        var parts = plain.Split('\n');
        var mixed = string.Concat(parts.Select((line, i) => i == parts.Length - 1 ? line : line + endings[i % endings.Length]));
        var a = Parse(plain);
        var b = ArchiveParser.Default.ParseText("fixture.txt", mixed + "\r\n");
        Assert.Empty(b.Errors);
        Assert.Equal(ArchiveJson.ToJson(a.Stories[0]), ArchiveJson.ToJson(b.Stories[0]), new StoryJsonComparer());
        Assert.Equal(a.Stories[0].Updates[0].Line, b.Stories[0].Updates[0].Line);
        Assert.Equal(a.Stories[0].Updates[0].Links[0].Line, b.Stories[0].Updates[0].Links[0].Line);
    }

    [Fact]
    public void Filler_lines_of_nbsp_tabs_and_zero_width_spaces_carry_no_content()
    {
        var story = Single(Page("Freedom", "Title", "by Someone", "\u00A0\u00A0", "\t", "\u200B", "June 2025", " \u200B\u00A0 ", "Body."));
        var update = Assert.Single(story.Updates);
        Assert.Equal(["Body."], update.Paragraphs);
    }

    [Fact]
    public void A_stray_empty_line_inside_a_story_is_not_a_story_break()
    {
        var story = Single(Page("Freedom", "Title", "by Someone", Nbsp, "June 2025", Nbsp, "First.", "", "", Nbsp, "", "Second.", Nbsp, "May 2025", "", "Third."));
        Assert.Equal(2, story.Updates.Count);
        Assert.Equal(["First.", "Second."], story.Updates[0].Paragraphs);
        Assert.Equal(["Third."], story.Updates[1].Paragraphs);
    }

    [Fact]
    public void A_story_starts_at_a_line_directly_followed_by_a_byline_and_ends_at_the_next()
    {
        var file = Parse(Page("Freedom",
            [.. Story("One", "Agency A", "June 2025", "A."), .. Story("Two", "Agency B, agencies", "2024", "B.")]));
        Assert.Empty(file.Errors);
        Assert.Equal(["One", "Two"], file.Stories.Select(s => s.Title));
        Assert.Equal(["Agency A", "Agency B, agencies"], file.Stories.Select(s => s.Byline));
        Assert.Equal(["A."], file.Stories[0].Updates.Single().Paragraphs);
    }

    [Fact]
    public void A_paragraph_starting_with_by_after_a_filler_line_is_text_not_a_byline()
    {
        var story = Single(Page("Freedom", Story("Title", "Someone", "June 2025", "First.", "by the end of the month, more.")));
        Assert.Equal(["First.", "by the end of the month, more."], story.Updates[0].Paragraphs);
    }

    [Theory]
    [InlineData("June 2025", "2025-06", DatePrecision.Month)]
    [InlineData("Aug. 2023", "2023-08", DatePrecision.Month)]
    [InlineData("Sep. 2025", "2025-09", DatePrecision.Month)]
    [InlineData("Sept. 2024", "2024-09", DatePrecision.Month)]
    [InlineData("Dec 2022", "2022-12", DatePrecision.Month)]
    [InlineData("March 2021", "2021-03", DatePrecision.Month)]
    [InlineData("2020", "2020", DatePrecision.Year)]
    [InlineData("15 March 2024", "2024-03-15", DatePrecision.Day)]
    [InlineData("March 15, 2024", "2024-03-15", DatePrecision.Day)]
    [InlineData("1st Feb. 2024", "2024-02-01", DatePrecision.Day)]
    [InlineData("29 February 2024", "2024-02-29", DatePrecision.Day)]
    public void Every_date_form_is_read_at_its_precision_and_kept_as_written(string written, string normalised, DatePrecision precision)
    {
        var update = Single(Page("Freedom", Story("Title", "Someone", written, "Body."))).Updates.Single();
        Assert.Equal(written, update.DateText);
        Assert.Equal(normalised, update.Date?.ToString());
        Assert.Equal(precision, update.Date?.Precision);
        Assert.False(update.DateInferred);
    }

    [Theory]
    [InlineData("30 February 2024")]
    [InlineData("Juneteenth 2025")]
    [InlineData("June 25")]
    [InlineData("In June 2025 the court ruled.")]
    public void Text_that_is_not_a_whole_date_stays_a_paragraph(string line)
    {
        var story = Single(Page("Freedom", Story("Title", "Someone", "June 2025", line)));
        Assert.Equal([line], story.Updates.Single().Paragraphs);
    }

    [Theory]
    [InlineData("http://www.theguardian.com/commentisfree/2025/jun/13/nobel-laureates-fascism", "2025-06-13")]
    [InlineData("https://example.org/news/2025/06/story-title", "2025-06")]
    [InlineData("https://example.org/press/2025-06-13/statement", "2025-06-13")]
    [InlineData("https://example.org/archive/20250613/statement", "2025-06-13")]
    [InlineData("https://www.hrw.org/news/2025/09/26/us-trump-targets", "2025-09-26")]
    public void An_undated_first_update_is_dated_from_its_first_dated_link(string url, string expected)
    {
        var update = Single(Page("Freedom", Story("Title", "Someone", "Body.", "http://example.org/about " + url))).Updates.Single();
        Assert.True(update.DateInferred);
        Assert.Null(update.DateText);
        Assert.Equal(expected, update.Date?.ToString());
    }

    [Fact]
    public void An_undated_update_with_no_dated_link_stays_undated_with_a_warning()
    {
        var file = Parse(Page("Freedom", Story("Title", "Someone", "Body.", "http://example.org/about http://zenodo.org/records/15696097")));
        Assert.Empty(file.Errors);
        var update = file.Stories.Single().Updates.Single();
        Assert.Null(update.Date);
        Assert.False(update.DateInferred);
        var warning = Assert.Single(file.Warnings);
        Assert.Equal(update.Line, warning.Line);
        Assert.Contains("undated", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_first_paragraph_ending_with_a_parenthesised_source_is_the_headline()
    {
        var update = Single(Page("Freedom", Story("Title", "Someone", "Sep. 2025",
            "UN expert warns of repression. (OHCHR)", "Body ends with a note (see above)."))).Updates.Single();
        Assert.Equal("UN expert warns of repression. (OHCHR)", update.Headline);
        Assert.Equal(["Body ends with a note (see above)."], update.Paragraphs);
    }

    [Fact]
    public void A_long_first_paragraph_is_never_a_headline()
    {
        var longText = new string('x', 196) + " (AP)";
        Assert.True(longText.Length > ArchiveParser.MaxHeadlineLength);
        var update = Single(Page("Freedom", Story("Title", "Someone", "Sep. 2025", longText))).Updates.Single();
        Assert.Null(update.Headline);
        Assert.Equal([longText], update.Paragraphs);
    }

    [Fact]
    public void Paragraphs_keep_curly_quotes_dashes_and_non_latin_letters()
    {
        string[] paragraphs = ["“Quoted” – and — dashes’ too…", "Правозащитники задержаны.", "ការរំលោភសិទ្ធិមនុស្ស", "人权捍卫者"];
        var update = Single(Page("Freedom", Story("Title", "Someone", ["June 2025", .. paragraphs]))).Updates.Single();
        Assert.Equal(paragraphs, update.Paragraphs);
    }

    [Fact]
    public void Consecutive_link_lines_all_belong_to_the_current_update()
    {
        var update = Single(Page("Freedom", Story("Title", "Someone", "June 2025", "Body.",
            "http://www.amnesty.org/en/2025/06/a https://news.example.org/b", "https://WWW.Example.com/2024/05/c"))).Updates.Single();
        Assert.Equal(["http://www.amnesty.org/en/2025/06/a", "https://news.example.org/b", "https://WWW.Example.com/2024/05/c"], update.Links.Select(l => l.Url));
        Assert.Equal(["amnesty.org", "news.example.org", "example.com"], update.Links.Select(l => l.Host));
        Assert.Equal(["2025-06", null, "2024-05"], update.Links.Select(l => l.Date?.ToString()));
    }

    [Fact]
    public void A_line_mixing_words_and_urls_is_a_paragraph()
    {
        var update = Single(Page("Freedom", Story("Title", "Someone", "June 2025", "Read more at http://example.org/x"))).Updates.Single();
        Assert.Empty(update.Links);
        Assert.Equal(["Read more at http://example.org/x"], update.Paragraphs);
    }

    [Fact]
    public void Every_record_carries_its_line_number()
    {
        // Line 1 header, 2 blank, 3 chrome, 4 blank, then the story from line 5.
        var story = Single(Page("Freedom", "Title", "by Someone", Nbsp, "June 2025", Nbsp, "Body.", Nbsp, "http://example.org/1", "http://example.org/2", Nbsp, "May 2025", "More."));
        Assert.Equal(5, story.Line);
        Assert.Equal([8, 15], story.Updates.Select(u => u.Line));
        Assert.Equal([12, 13], story.Updates[0].Links.Select(l => l.Line));
    }
}

/// <summary>Compares stories by their JSON shape, ignoring line numbers (which differ only by layout).</summary>
internal sealed class StoryJsonComparer : IEqualityComparer<StoryJson>
{
    public bool Equals(StoryJson? x, StoryJson? y) => Canonical(x) == Canonical(y);

    public int GetHashCode(StoryJson obj) => Canonical(obj).GetHashCode(StringComparison.Ordinal);

    private static string Canonical(StoryJson? story) => story is null
        ? ""
        : System.Text.Json.JsonSerializer.Serialize(
            story with { Line = null, File = null, Updates = [.. story.Updates.Select(u => u with { Line = null })] },
            ArchiveJson.Options);
}
