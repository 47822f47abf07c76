using System.Text;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Parsing;
using PeoplesStories.Testing;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.UnitTests.Parsing;

/// <summary>Bad files give an error with a line and a sentence a person can act on, and no stories.</summary>
public sealed class BadFileTests
{
    private static ArchiveDiagnostic SingleError(ArchiveFile file)
    {
        Assert.Empty(file.Stories);
        Assert.True(file.HasErrors);
        return file.Errors[0];
    }

    private static ArchiveFile Parse(string text) => ArchiveParser.Default.ParseText("bad.txt", text);

    [Fact]
    public void Not_utf8_names_the_line_of_the_first_bad_byte()
    {
        var latin1 = Encoding.Latin1.GetBytes(Page("Freedom", Story("Title", "Someone", "June 2025", "Plain.", "Café society.")));
        var file = ArchiveParser.Default.Parse("latin1.txt", latin1);
        var error = SingleError(file);
        Assert.Equal("latin1.txt", file.File);

        // Line 7 is the first U+00A0 filler line: in Latin-1 it is the lone byte 0xA0.
        Assert.Equal(7, error.Line);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_windows_1252_letter_deep_in_the_file_is_found_on_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("People's Stories Freedom\n\nTitle\nby Someone\nJune 2025\nCaf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        var error = SingleError(ArchiveParser.Default.Parse("cp1252.txt", bytes));
        Assert.Equal(6, error.Line);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\u00A0\n\t\n")]
    public void An_empty_file_says_so(string text)
    {
        var error = SingleError(Parse(text));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_without_the_header_names_the_first_line()
    {
        var error = SingleError(Parse("\n\nCambodian authorities\nby Someone\n" + Footer));
        Assert.Equal(3, error.Line);
        Assert.Contains("People's Stories", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_a_section_is_an_error()
    {
        var error = SingleError(Parse("People's Stories\nTitle\nby Someone\nJune 2025\nText.\n" + Footer));
        Assert.Equal(1, error.Line);
        Assert.Contains("section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_page_without_its_footer_is_an_error_at_its_last_line()
    {
        var whole = File.ReadAllText(RepoPaths.SeedFile);
        var cut = whole[..(whole.IndexOf("Katzarova said", StringComparison.Ordinal) + 20)];
        var file = Parse(cut);
        var error = SingleError(file);
        Assert.Equal(160, error.Line);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_inside_a_character_is_reported_as_truncated()
    {
        var bytes = Encoding.UTF8.GetBytes(Page("Freedom", Story("Title", "Someone", "June 2025", "Ends with “")));
        var cut = bytes[..(Array.LastIndexOf(bytes, (byte)0xE2) + 2)];
        var error = SingleError(ArchiveParser.Default.Parse("cut.txt", cut));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_refused_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("People's Stories Freedom\n\nTitle\n").Concat(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A }).ToArray();
        var error = SingleError(ArchiveParser.Default.Parse("image.txt", bytes));
        Assert.Equal(4, error.Line);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_text_are_an_error()
    {
        var error = SingleError(Parse(Page("Freedom", Story("Title", "Someone", "June 2025", "Bell\u0007 inside."))));
        Assert.Equal(10, error.Line);
    }

    [Fact]
    public void Text_before_the_first_story_fits_no_rule()
    {
        var error = SingleError(Parse(Page("Freedom", ["Orphan paragraph.", Nbsp, .. Story("Title", "Someone", "June 2025", "Body.")])));
        Assert.Equal(5, error.Line);
        Assert.Contains("before the first story", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_story_with_no_text_is_an_error_at_its_title()
    {
        var error = SingleError(Parse(Page("Freedom", [.. Story("Empty", "Someone"), .. Story("Full", "Someone", "June 2025", "Body.")])));
        Assert.Equal(5, error.Line);
        Assert.Contains("no text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_line_with_nothing_after_it_is_an_error()
    {
        var error = SingleError(Parse(Page("Freedom", Story("Title", "Someone", "June 2025", "Body.", "May 2025"))));
        Assert.Equal(12, error.Line);
        Assert.Contains("May 2025", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_byline_is_an_error()
    {
        var error = SingleError(Parse(Page("Freedom", "Title", "by ", Nbsp, "June 2025", Nbsp, "Body.")));
        Assert.Equal(6, error.Line);
        Assert.Contains("byline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_address_on_a_source_line_is_an_error()
    {
        var error = SingleError(Parse(Page("Freedom", Story("Title", "Someone", "June 2025", "Body.", "http://example.org/ok http://"))));
        Assert.Equal(12, error.Line);
        Assert.Contains("web address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_path_is_an_error_not_an_exception()
    {
        var file = ArchiveParser.Default.ParseFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".txt"));
        Assert.True(file.HasErrors);
    }
}
