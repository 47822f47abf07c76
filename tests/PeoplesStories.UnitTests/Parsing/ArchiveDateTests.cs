using PeoplesStories.Archive;

namespace PeoplesStories.UnitTests.Parsing;

public sealed class ArchiveDateTests
{
    [Theory]
    [InlineData("2024", "2024")]
    [InlineData("2024-03", "2024-03")]
    [InlineData("2024-03-15", "2024-03-15")]
    public void Iso_form_round_trips(string text, string expected) =>
        Assert.Equal(expected, ArchiveDate.ParseIso(text).ToString());

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2023-02-29")]
    [InlineData("24-03")]
    [InlineData("June 2025")]
    public void Iso_form_refuses_what_is_not_a_date(string text) =>
        Assert.Throws<FormatException>(() => ArchiveDate.ParseIso(text));

    [Theory]
    [InlineData("http://zenodo.org/records/15696097")]
    [InlineData("http://stopreturnfascism.org/")]
    [InlineData("https://example.org/2025/13/x")]
    [InlineData("https://example.org/items/1234/56/")]
    [InlineData("not a url")]
    public void Urls_without_a_plausible_date_carry_none(string url) =>
        Assert.False(ArchiveDate.TryFromUrl(url, out _));

    [Fact]
    public void The_query_string_is_not_read_for_a_date() =>
        Assert.False(ArchiveDate.TryFromUrl("https://example.org/page?d=/2025/06/13/", out _));

    [Fact]
    public void Dates_sort_chronologically_with_the_less_precise_first()
    {
        var dates = new[] { "2025-06-13", "2025", "2024-12", "2025-06", "2023-08-01" }.Select(ArchiveDate.ParseIso).Order().Select(d => d.ToString());
        Assert.Equal(["2023-08-01", "2024-12", "2025", "2025-06", "2025-06-13"], dates);
    }

    [Theory]
    [InlineData("2025-06-13", "13 June 2025")]
    [InlineData("2025-06", "June 2025")]
    [InlineData("2020", "2020")]
    public void Display_form_reads_as_people_write_it(string iso, string display) =>
        Assert.Equal(display, ArchiveDate.ParseIso(iso).ToDisplayString());

    [Fact]
    public void End_is_the_last_day_the_date_covers()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), ArchiveDate.ParseIso("2024-02").End);
        Assert.Equal(new DateOnly(2020, 12, 31), ArchiveDate.ParseIso("2020").End);
    }
}
