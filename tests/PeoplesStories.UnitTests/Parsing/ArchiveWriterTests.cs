using PeoplesStories.Archive;
using PeoplesStories.Archive.Parsing;
using PeoplesStories.Testing;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.UnitTests.Parsing;

public sealed class ArchiveWriterTests
{
    [Fact]
    public void The_seed_written_out_reads_back_as_the_same_stories()
    {
        var seed = ArchiveParser.Default.ParseFile(RepoPaths.SeedFile);
        var written = ArchiveWriter.WritePage("Freedom", seed.Stories);
        var reread = ArchiveParser.Default.ParseText(seed.File, written);

        Assert.Empty(reread.Errors);
        Assert.Empty(reread.Warnings);
        Assert.Equal(seed.Stories.Select(ArchiveJson.ToJson), reread.Stories.Select(ArchiveJson.ToJson), new StoryJsonComparer());
    }

    [Fact]
    public void Headlines_inferred_dates_and_every_date_precision_survive_the_round_trip()
    {
        var page = Page("Women",
        [
            .. Story("Story one", "Agency", "Body.", "http://example.org/2024/05/07/x"),
            .. Story("Story two", "Agency, agencies", "15 March 2024", "Headline here. (AP)", "Body.", "2020", "Old body.", "http://example.org/a http://example.org/b"),
        ]);
        var first = ArchiveParser.Default.ParseText("page.txt", page);
        Assert.Empty(first.Errors);
        var second = ArchiveParser.Default.ParseText("page.txt", ArchiveWriter.WritePage("Women", first.Stories));

        Assert.Equal(first.Stories.Select(ArchiveJson.ToJson), second.Stories.Select(ArchiveJson.ToJson), new StoryJsonComparer());
        Assert.True(second.Stories[0].Updates[0].DateInferred);
        Assert.Equal("Headline here. (AP)", second.Stories[1].Updates[0].Headline);
        Assert.Equal(DatePrecision.Year, second.Stories[1].Updates[1].Date?.Precision);
    }
}
