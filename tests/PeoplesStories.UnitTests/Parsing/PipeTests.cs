using System.Text;
using PeoplesStories.Archive.Parsing;
using PeoplesStories.Testing;

namespace PeoplesStories.UnitTests.Parsing;

/// <summary>A page read from a pipe (`import &lt;(…)`, a named pipe), whose length is known only at its end.</summary>
public sealed class PipeTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("stories-pipe-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [LinuxFact]
    public async Task A_page_from_a_pipe_is_read_whole_however_long()
    {
        // About 200 KB: more than the first buffer a pipe is read into, so it has to grow.
        var stories = Enumerable.Range(1, 300).SelectMany(i => ArchiveText.Story(
            $"Story {i} of the pipe",
            $"Reporter {i}",
            "15 March 2024",
            $"Paragraph {i}: " + string.Concat(Enumerable.Repeat("witnesses described the arrests in Phnom Penh. ", 10)))).ToArray();
        var bytes = Encoding.UTF8.GetBytes(ArchiveText.Page("Freedom", stories));
        Assert.True(bytes.Length > 150_000, $"the page is {bytes.Length} bytes");
        var pipe = NamedPipe.Create(Path.Combine(dir, "page.txt"));

        var writing = NamedPipe.WriteAsync(pipe, bytes, TimeSpan.FromSeconds(30));
        var file = await Task.Run(() => ArchiveParser.Default.ParseFile(pipe)).WaitAsync(TimeSpan.FromSeconds(30));
        await writing;

        Assert.False(file.HasErrors, string.Join("; ", file.Errors.Select(e => $"{e.Line}: {e.Message}")));
        var expected = ArchiveParser.Default.Parse("page.txt", bytes);
        Assert.Equal(300, file.Stories.Count);
        Assert.Equal(expected.Stories.Select(s => s.Title), file.Stories.Select(s => s.Title));
        Assert.Equal("Story 300 of the pipe", file.Stories[^1].Title);
        Assert.Equal(expected.Stories[^1].Updates[0].Paragraphs, file.Stories[^1].Updates[0].Paragraphs);
    }

    [LinuxFact]
    public async Task An_empty_pipe_is_an_error_not_an_exception()
    {
        var pipe = NamedPipe.Create(Path.Combine(dir, "empty.txt"));
        var writing = NamedPipe.WriteAsync(pipe, [], TimeSpan.FromSeconds(30));
        var file = await Task.Run(() => ArchiveParser.Default.ParseFile(pipe)).WaitAsync(TimeSpan.FromSeconds(30));
        await writing;
        Assert.True(file.HasErrors);
        Assert.Equal("empty.txt", file.File);
    }
}
